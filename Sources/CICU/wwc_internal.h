// Private helpers shared by the wrapper files (ICU headers allowed here; not public).
#ifndef WWC_INTERNAL_H
#define WWC_INTERNAL_H

#include "wwc_icu.h"
#include <unicode/utypes.h>
#include <unicode/ustring.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A UTF-16 buffer that lives on the stack for short strings and on the heap otherwise.
typedef struct wwc_u16 {
    UChar *chars;
    int32_t length;
    int32_t capacity;
    UChar stack[256];
} wwc_u16;

/// Converts UTF-8 to UTF-16 into `buffer`; WWC_OK or WWC_ERR_ARGUMENT (invalid UTF-8).
int32_t wwc_u16_from_utf8(wwc_u16 *buffer, const char *text, int32_t length);
/// Makes room for `capacity` UTF-16 units (contents not kept); WWC_OK or WWC_ERR_ICU.
int32_t wwc_u16_reserve(wwc_u16 *buffer, int32_t capacity);
void wwc_u16_free(wwc_u16 *buffer);
/// Writes UTF-16 as UTF-8 into a caller buffer; returns bytes needed or a negative status.
int32_t wwc_utf8_out(const UChar *chars, int32_t length, char *out, int32_t capacity);
/// Copies an ASCII/UTF-8 C string into a caller buffer; returns bytes needed.
int32_t wwc_copy_out(const char *text, char *out, int32_t capacity);
/// The ICU locale id for a BCP 47 tag (`es-MX` → `es_MX`); WWC_OK or WWC_ERR_LOCALE.
int32_t wwc_locale_id(const char *tag, char *id, int32_t capacity);

#ifdef __cplusplus
}
#endif

#endif
