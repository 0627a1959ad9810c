// OpenSSL's libcrypto, for SHA-256 only (`source.sha256`).
//
// The low-level SHA256_Init/Update/Final: deprecated since OpenSSL 3.0 in favour of EVP, but
// still shipped, and what EVP's one-shot `SHA256()` does on top costs more than the hash of a
// small form (it fetches the algorithm from a provider on every call: ~55,000 instructions a
// call against ~32,000 for hashing a 3 KB form with the SHA extensions; callgrind).
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

static inline void wwc_sha256(const void *data, size_t length, unsigned char *digest) {
    SHA256_CTX context;
    SHA256_Init(&context);
    SHA256_Update(&context, data, length);
    SHA256_Final(digest, &context);
}
