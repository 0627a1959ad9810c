// OpenSSL's libcrypto, for SHA-256 only (`source.sha256`).
#include <openssl/sha.h>
