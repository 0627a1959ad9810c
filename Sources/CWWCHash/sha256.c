// SHA-256 (FIPS 180-4). Two block functions: the x86 SHA extensions (SHA-NI, ~3 cycles a
// byte) when the CPU has them, chosen once at run time, and portable C for the rest. The
// Swift version took ~66 instructions a byte, 10 % of a batch conversion.
#include "wwc_sha256.h"
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#define WWC_SHA_X86 1
#include <immintrin.h>
#endif

static const uint32_t k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

typedef void (*blocks_fn)(uint32_t state[8], const uint8_t *data, size_t blocks);

static inline uint32_t rotr(uint32_t x, unsigned n) { return (x >> n) | (x << (32 - n)); }

static inline uint32_t load_be32(const uint8_t *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

// Unrolled by eight with the working variables renamed instead of moved, and the message
// schedule kept in a ring of 16 words.
#define WWC_S0(x) (rotr(x, 2) ^ rotr(x, 13) ^ rotr(x, 22))
#define WWC_S1(x) (rotr(x, 6) ^ rotr(x, 11) ^ rotr(x, 25))
#define WWC_s0(x) (rotr(x, 7) ^ rotr(x, 18) ^ ((x) >> 3))
#define WWC_s1(x) (rotr(x, 17) ^ rotr(x, 19) ^ ((x) >> 10))
#define WWC_ROUND(a, b, c, d, e, f, g, h, i)                                                  \
    do {                                                                                      \
        uint32_t t1 = h + WWC_S1(e) + (g ^ (e & (f ^ g))) + k[i] + w[(i) & 15];               \
        d += t1;                                                                              \
        h = t1 + WWC_S0(a) + ((a & b) | (c & (a | b)));                                       \
    } while (0)

static void blocks_portable(uint32_t state[8], const uint8_t *data, size_t blocks) {
    uint32_t w[16];
    for (; blocks > 0; blocks--, data += 64) {
        for (int i = 0; i < 16; i++) w[i] = load_be32(data + 4 * i);
        uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
        uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
        for (int r = 0; r < 64; r += 8) {
            if (r >= 16) {
                for (int i = r; i < r + 8; i++) {
                    w[i & 15] += WWC_s1(w[(i - 2) & 15]) + w[(i - 7) & 15] + WWC_s0(w[(i - 15) & 15]);
                }
            }
            WWC_ROUND(a, b, c, d, e, f, g, h, r + 0);
            WWC_ROUND(h, a, b, c, d, e, f, g, r + 1);
            WWC_ROUND(g, h, a, b, c, d, e, f, r + 2);
            WWC_ROUND(f, g, h, a, b, c, d, e, r + 3);
            WWC_ROUND(e, f, g, h, a, b, c, d, r + 4);
            WWC_ROUND(d, e, f, g, h, a, b, c, r + 5);
            WWC_ROUND(c, d, e, f, g, h, a, b, r + 6);
            WWC_ROUND(b, c, d, e, f, g, h, a, r + 7);
        }
        state[0] += a; state[1] += b; state[2] += c; state[3] += d;
        state[4] += e; state[5] += f; state[6] += g; state[7] += h;
    }
}

#ifdef WWC_SHA_X86
// Four rounds `g` (0…15) with message words `cur`; the schedule runs ahead: `next` gets its
// final words (sha256msg2) in groups 3…14, `prev` its first half (sha256msg1) in groups 1…12.
#define WWC_SHA_ROUNDS(g, cur, next, prev)                                                       \
    do {                                                                                         \
        __m128i wk = _mm_add_epi32(cur, _mm_loadu_si128((const __m128i *)(k + 4 * (g))));         \
        state1 = _mm_sha256rnds2_epu32(state1, state0, wk);                                      \
        if ((g) >= 3 && (g) <= 14)                                                               \
            next = _mm_sha256msg2_epu32(_mm_add_epi32(next, _mm_alignr_epi8(cur, prev, 4)), cur); \
        state0 = _mm_sha256rnds2_epu32(state0, state1, _mm_shuffle_epi32(wk, 0x0E));             \
        if ((g) >= 1 && (g) <= 12) prev = _mm_sha256msg1_epu32(prev, cur);                        \
    } while (0)

__attribute__((target("sha,sse4.1")))
static void blocks_shani(uint32_t state[8], const uint8_t *data, size_t blocks) {
    const __m128i byteswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    // The instructions want the state as ABEF and CDGH.
    __m128i tmp = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[0]), 0xB1);  // CDAB
    __m128i state1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[4]), 0x1B);  // EFGH
    __m128i state0 = _mm_alignr_epi8(tmp, state1, 8);  // ABEF
    state1 = _mm_blend_epi16(state1, tmp, 0xF0);        // CDGH
    for (; blocks > 0; blocks--, data += 64) {
        __m128i abef = state0, cdgh = state1;
        __m128i m0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 0)), byteswap);
        __m128i m1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16)), byteswap);
        __m128i m2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 32)), byteswap);
        __m128i m3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 48)), byteswap);
        WWC_SHA_ROUNDS(0, m0, m1, m3);
        WWC_SHA_ROUNDS(1, m1, m2, m0);
        WWC_SHA_ROUNDS(2, m2, m3, m1);
        WWC_SHA_ROUNDS(3, m3, m0, m2);
        WWC_SHA_ROUNDS(4, m0, m1, m3);
        WWC_SHA_ROUNDS(5, m1, m2, m0);
        WWC_SHA_ROUNDS(6, m2, m3, m1);
        WWC_SHA_ROUNDS(7, m3, m0, m2);
        WWC_SHA_ROUNDS(8, m0, m1, m3);
        WWC_SHA_ROUNDS(9, m1, m2, m0);
        WWC_SHA_ROUNDS(10, m2, m3, m1);
        WWC_SHA_ROUNDS(11, m3, m0, m2);
        WWC_SHA_ROUNDS(12, m0, m1, m3);
        WWC_SHA_ROUNDS(13, m1, m2, m0);
        WWC_SHA_ROUNDS(14, m2, m3, m1);
        WWC_SHA_ROUNDS(15, m3, m0, m2);
        state0 = _mm_add_epi32(state0, abef);
        state1 = _mm_add_epi32(state1, cdgh);
    }
    tmp = _mm_shuffle_epi32(state0, 0x1B);               // FEBA
    state1 = _mm_shuffle_epi32(state1, 0xB1);            // DCHG
    state0 = _mm_blend_epi16(tmp, state1, 0xF0);         // DCBA
    state1 = _mm_alignr_epi8(state1, tmp, 8);            // HGFE
    _mm_storeu_si128((__m128i *)&state[0], state0);
    _mm_storeu_si128((__m128i *)&state[4], state1);
}

static int cpu_has_sha(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("sha") && __builtin_cpu_supports("sse4.1") && __builtin_cpu_supports("ssse3");
}
#endif

static blocks_fn chosen_blocks(void) {
#ifdef WWC_SHA_X86
    // Benign race: every thread computes the same answer.
    static int has_sha = -1;
    int known = __atomic_load_n(&has_sha, __ATOMIC_RELAXED);
    if (known < 0) {
        known = cpu_has_sha();
        __atomic_store_n(&has_sha, known, __ATOMIC_RELAXED);
    }
    if (known) return blocks_shani;
#endif
    return blocks_portable;
}

static void digest_with(blocks_fn blocks, const void *data, size_t length, uint8_t digest[32]) {
    uint32_t state[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    const uint8_t *bytes = data;
    size_t whole = length / 64;
    if (whole > 0) blocks(state, bytes, whole);
    // The tail, the 0x80 marker, zeros and the bit length fill one or two last blocks.
    uint8_t last[128] = {0};
    size_t rest = length % 64;
    if (rest > 0) memcpy(last, bytes + whole * 64, rest);
    last[rest] = 0x80;
    size_t lastBlocks = rest < 56 ? 1 : 2;
    uint64_t bits = (uint64_t)length * 8;
    for (int i = 0; i < 8; i++) last[lastBlocks * 64 - 1 - i] = (uint8_t)(bits >> (8 * i));
    blocks(state, last, lastBlocks);
    for (int i = 0; i < 8; i++) {
        digest[4 * i] = (uint8_t)(state[i] >> 24);
        digest[4 * i + 1] = (uint8_t)(state[i] >> 16);
        digest[4 * i + 2] = (uint8_t)(state[i] >> 8);
        digest[4 * i + 3] = (uint8_t)state[i];
    }
}

void wwc_sha256(const void *data, size_t length, uint8_t digest[32]) {
    digest_with(chosen_blocks(), data, length, digest);
}

void wwc_sha256_portable(const void *data, size_t length, uint8_t digest[32]) {
    digest_with(blocks_portable, data, length, digest);
}

int wwc_sha256_accelerated(void) { return chosen_blocks() != blocks_portable; }
