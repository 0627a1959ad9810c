// wwc_icu.h — stable C wrappers over the system ICU4C.
//
// Why this header exists: distro ICU suffixes every symbol with its major version
// (u_strlen → u_strlen_72) and Foundation on Linux carries its own ICU module whose
// declarations clash with the system headers. This header therefore includes no ICU header:
// only fixed-width C types and opaque handles. All ICU calls live in the .c files.
//
// Conventions
// - Strings cross the boundary as UTF-8 (pointer + length); conversion to UTF-16 happens in C.
// - Output goes to a caller buffer: functions return the number of bytes needed (excluding NUL),
//   or a negative wwc_status on failure. Call again with a larger buffer when needed > capacity.
#ifndef WWC_ICU_H
#define WWC_ICU_H

#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Status values shared by all wrappers (negative = failure).
enum {
    WWC_OK = 0,
    WWC_ERR_ICU = -1,          // ICU reported a failure
    WWC_ERR_PARSE = -2,        // the text could not be parsed (see error offset)
    WWC_ERR_TRAILING = -3,     // a parse stopped before the end of the text
    WWC_ERR_LOCALE = -4,       // the locale is not one ICU has data for
    WWC_ERR_ARGUMENT = -5,     // invalid argument (e.g. bad UTF-8)
};

/// The ICU version the program runs with, e.g. "72.1" (written to buf, NUL-terminated).
int32_t wwc_icu_version(char *buf, int32_t capacity);

/// Unicode NFC of UTF-8 input. Returns bytes needed, or a negative status.
int32_t wwc_normalize_nfc(const char *text, int32_t length, char *out, int32_t capacity);

#ifdef __cplusplus
}
#endif

#endif
