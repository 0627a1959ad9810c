// SHA-256 (FIPS 180-4) for `source.sha256`: stable `wwc_sha256_*` names, no other header.
#ifndef WWC_SHA256_H
#define WWC_SHA256_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The SHA-256 digest of `length` bytes at `data` (may be NULL when `length` is 0), written to
/// `digest` (32 bytes). Uses the x86 SHA extensions when the CPU has them, else portable C.
void wwc_sha256(const void *data, size_t length, uint8_t digest[32]);

/// The same digest, always by the portable C code: for the tests that hold the accelerated
/// path to it.
void wwc_sha256_portable(const void *data, size_t length, uint8_t digest[32]);

/// 1 when `wwc_sha256` uses the CPU's SHA extensions, else 0.
int wwc_sha256_accelerated(void);

#ifdef __cplusplus
}
#endif

#endif
