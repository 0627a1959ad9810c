// Text cleanup and the matching key. Stateless and thread-safe: the normalizer instances
// are ICU singletons.
#include "wwc_internal.h"
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>
#include <unicode/utrans.h>
#include <unicode/uscript.h>
#include <unicode/ures.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// ICU's Latin-ASCII transliterator for letters NFKD cannot take apart (œ, æ, ø, ł, đ).
// Instances are not documented as thread-safe, so each thread opens its own on first need and
// closes it when the thread ends.
//
// Opening it by ID costs ~27 ms on first use in a process (150 M instructions): ICU builds its
// whole transliterator registry first. That was half of a one-form `intake convert`, since
// the French catalog's labels (œuvre) need it at start-up. So it is built from its own rules,
// read from ICU's data, without the two passes that need the registry: `:: NFD() ;`, the
// mark-removal rule and `:: NFC() ;`. They do nothing here: `wwc_match_key` has already
// decomposed the text and removed every mark, and recomposes after. Same output on every
// assigned code point with neighbours (28.7 M cases checked against the registry instance);
// ~1.3 ms. If the rules are not shaped as expected, the registry is used as before.
static pthread_key_t latin_ascii_key;
static pthread_once_t latin_ascii_once = PTHREAD_ONCE_INIT;

static void close_latin_ascii(void *transliterator) { utrans_close((UTransliterator *)transliterator); }
static void make_latin_ascii_key(void) { pthread_key_create(&latin_ascii_key, close_latin_ascii); }

static const UChar latin_ascii_id[] = {'L','a','t','i','n','-','A','S','C','I','I',0};

static UTransliterator *latin_ascii_from_rules(void) {
    static const UChar nfd_pass[] = {':',':',' ','N','F','D','(',')',' ',';',0};
    static const UChar nfc_pass[] = {':',':',' ','N','F','C','(',')',' ',';',0};
    UErrorCode status = U_ZERO_ERROR;
    UResourceBundle *root = ures_openDirect(U_ICUDATA_NAME "-translit", "root", &status);
    UResourceBundle *ids = ures_getByKey(root, "RuleBasedTransliteratorIDs", NULL, &status);
    UResourceBundle *entry = ures_getByKey(ids, "Latin-ASCII", NULL, &status);
    UResourceBundle *file = ures_getByKey(entry, "file", NULL, &status);
    int32_t length = 0;
    const UChar *rules = ures_getStringByKey(file, "resource", &length, &status);
    UTransliterator *transliterator = NULL;
    if (U_SUCCESS(status) && rules) {
        // filter ; NFD pass ; mark rule ; NFC pass ; mappings  →  filter ; mappings
        const UChar *nfd = u_strFindFirst(rules, length, nfd_pass, -1);
        const UChar *nfc = u_strFindFirst(rules, length, nfc_pass, -1);
        if (nfd && nfc && nfd < nfc) {
            int32_t head = (int32_t)(nfd - rules);
            const UChar *tail = nfc + u_strlen(nfc_pass);
            int32_t tailLength = length - (int32_t)(tail - rules);
            UChar *edited = malloc(sizeof(UChar) * (size_t)(head + tailLength + 1));
            if (edited) {
                u_memcpy(edited, rules, head);
                u_memcpy(edited + head, tail, tailLength);
                UParseError error;
                transliterator = utrans_openU(latin_ascii_id, -1, UTRANS_FORWARD, edited, head + tailLength, &error, &status);
                if (U_FAILURE(status)) transliterator = NULL;
                free(edited);
            }
        }
    }
    ures_close(file);
    ures_close(entry);
    ures_close(ids);
    ures_close(root);
    return transliterator;
}

static UTransliterator *latin_ascii(void) {
    pthread_once(&latin_ascii_once, make_latin_ascii_key);
    UTransliterator *transliterator = pthread_getspecific(latin_ascii_key);
    if (transliterator) return transliterator;
    transliterator = latin_ascii_from_rules();
    if (!transliterator) {
        UErrorCode status = U_ZERO_ERROR;
        transliterator = utrans_openU(latin_ascii_id, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
        if (U_FAILURE(status)) return NULL;
    }
    pthread_setspecific(latin_ascii_key, transliterator);
    return transliterator;
}

/// Whether the text holds a non-ASCII Latin letter (left after marks were removed).
static int has_non_ascii_latin(const UChar *chars, int32_t length) {
    for (int32_t i = 0; i < length;) {
        UChar32 c;
        U16_NEXT(chars, i, length, c);
        if (c >= 0x80) {
            UErrorCode status = U_ZERO_ERROR;
            if (uscript_getScript(c, &status) == USCRIPT_LATIN) return 1;
        }
    }
    return 0;
}

static int is_line_break(UChar32 c) {
    return c == 0x0A || c == 0x0D || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029;
}

// What `wwc_text_clean` does with one code point.
enum { KEEP = 0, SPACE = 1, BREAK = 2, DROP = 3 };

/// The rules of `wwc_text_clean`, asked of ICU: line break, white space (White_Space or Zs),
/// removed (Cc, Cf), or kept.
static int classify(UChar32 c) {
    if (is_line_break(c)) return BREAK;
    int8_t type = u_charType(c);
    if (type == U_SPACE_SEPARATOR || u_isUWhiteSpace(c)) return SPACE;
    if (type == U_CONTROL_CHAR || type == U_FORMAT_CHAR) return DROP;
    return KEEP;
}

// `classify` for U+0000..U+00FF, which is nearly all of what the forms hold (ASCII and the
// Latin-1 letters of es/pt/fr): tab and space are white space, LF VT FF CR NEL line breaks,
// U+00A0 white space, the other C0/C1 controls, DEL and the soft hyphen (Cf) removed.
// `wwc_text_clean_utf16` asks ICU instead; the tests compare both on every code point.
#define K KEEP
#define S SPACE
#define B BREAK
#define D DROP
static const uint8_t latin1_class[256] = {
    D, D, D, D, D, D, D, D, D, S, B, B, B, B, D, D,  // 00  tab; LF VT FF CR
    D, D, D, D, D, D, D, D, D, D, D, D, D, D, D, D,  // 10
    S, K, K, K, K, K, K, K, K, K, K, K, K, K, K, K,  // 20  space
    K, K, K, K, K, K, K, K, K, K, K, K, K, K, K, K,  // 30
    K, K, K, K, K, K, K, K, K, K, K, K, K, K, K, K,  // 40
    K, K, K, K, K, K, K, K, K, K, K, K, K, K, K, K,  // 50
    K, K, K, K, K, K, K, K, K, K, K, K, K, K, K, K,  // 60
    K, K, K, K, K, K, K, K, K, K, K, K, K, K, K, D,  // 70  DEL
    D, D, D, D, D, B, D, D, D, D, D, D, D, D, D, D,  // 80  NEL
    D, D, D, D, D, D, D, D, D, D, D, D, D, D, D, D,  // 90
    S, K, K, K, K, K, K, K, K, K, K, K, K, D, K, K,  // A0  NBSP; soft hyphen
    K, K, K, K, K, K, K, K, K, K, K, K, K, K, K, K,  // B0
    K, K, K, K, K, K, K, K, K, K, K, K, K, K, K, K,  // C0
    K, K, K, K, K, K, K, K, K, K, K, K, K, K, K, K,  // D0
    K, K, K, K, K, K, K, K, K, K, K, K, K, K, K, K,  // E0
    K, K, K, K, K, K, K, K, K, K, K, K, K, K, K, K,  // F0
};
#undef K
#undef S
#undef B
#undef D

/// Code points below U+0300 are all NFC_QC=Yes with combining class 0, so text made only of
/// them is already NFC (the quick check's "yes" is final). `wwc_text_nfc_inert_limit` lets
/// the tests confirm this with ICU.
#define NFC_INERT_BELOW 0x300

int32_t wwc_text_nfc_inert_limit(void) {
    for (UChar32 c = 0; c <= 0x10FFFF; c++) {
        if (u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) != UNORM_YES || u_getCombiningClass(c) != 0) return c;
    }
    return 0x110000;
}

/// NFC of UTF-16 text, written out as UTF-8. Most text is NFC already: the quick check skips
/// the normalizing copy then.
static int32_t nfc_utf16_out(const UChar *chars, int32_t length, char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
    if (U_FAILURE(status)) return WWC_ERR_ICU;
    int32_t span = unorm2_spanQuickCheckYes(nfc, chars, length, &status);
    if (U_SUCCESS(status) && span == length) return wwc_utf8_out(chars, length, out, capacity);
    status = U_ZERO_ERROR;
    wwc_u16 normalized = {0};
    int32_t rc = WWC_ERR_ICU;
    if (wwc_u16_reserve(&normalized, length * 3 + 1) == WWC_OK) {
        int32_t len = unorm2_normalize(nfc, chars, length, normalized.chars, normalized.capacity, &status);
        rc = U_SUCCESS(status) ? wwc_utf8_out(normalized.chars, len, out, capacity) : WWC_ERR_ICU;
    }
    wwc_u16_free(&normalized);
    return rc;
}

/// NFC of UTF-8 text through UTF-16 (the C normalizer API takes only UTF-16); the rare case
/// of text holding a code point that may change under NFC.
static int32_t nfc_utf8(const char *text, int32_t length, char *out, int32_t capacity) {
    wwc_u16 src;
    int32_t rc = wwc_u16_from_utf8(&src, text, length);
    if (rc == WWC_OK) rc = nfc_utf16_out(src.chars, src.length, out, capacity);
    wwc_u16_free(&src);
    return rc;
}

// How the cleaned text is made of the input: pieces of it, each followed by at most one
// separator that is not the next input byte. Lets Swift build the result from the String it
// has (no UTF-8 validation of a decoded copy), or return that String when nothing changed.
typedef struct pieces {
    int32_t *list;      // start, end, separator (0, ' ' or '\n') per piece
    int32_t capacity;   // pieces that fit in `list`
    int32_t count;      // pieces closed so far, or -1 once they cannot describe the text
    int32_t start;      // the open piece: input[start ..< end], or start < 0 when none
    int32_t end;
} pieces;

static inline void pieces_close(pieces *p, int32_t separator) {
    if (p->count < 0) return;
    if (p->count == p->capacity) { p->count = -1; return; }
    int32_t *entry = p->list + 3 * p->count++;
    entry[0] = p->start;
    entry[1] = p->end;
    entry[2] = separator;
    p->start = -1;
}

/// Input bytes [from, to) were copied to the output.
static inline void pieces_keep(pieces *p, int32_t from, int32_t to) {
    if (p->start >= 0 && from == p->end) {
        p->end = to;
        return;
    }
    if (p->start >= 0) pieces_close(p, 0);
    p->start = from;
    p->end = to;
}

/// A separator was written after the open piece: the next input byte when it is the same.
static inline void pieces_separator(pieces *p, const uint8_t *bytes, int32_t length, char separator) {
    if (p->end < length && bytes[p->end] == (uint8_t)separator) {
        p->end++;
        return;
    }
    pieces_close(p, (uint8_t)separator);
}

// Works on the UTF-8 bytes: the cleaned text is never longer than the input (a white-space
// run of one or more bytes becomes one byte), so it is written straight into `out` when that
// is as long as the input. Converting to UTF-16 and back, asking ICU about every character
// and running the NFC quick check made this 15 % of a batch conversion.
int32_t wwc_text_clean(const char *text, int32_t length, int32_t mode, char *out, int32_t capacity,
                       int32_t *pieceList, int32_t pieceCapacity, int32_t *pieceCount) {
    if (pieceCount) *pieceCount = -1;
    if (length < 0 || (length > 0 && !text)) return WWC_ERR_ARGUMENT;
    pieces parts = {pieceList, pieceList && pieceCount ? pieceCapacity : 0, pieceList && pieceCount ? 0 : -1, -1, 0};
    const uint8_t *bytes = (const uint8_t *)text;
    char stack[512];
    char *filtered = out;
    if (capacity < length) {
        filtered = length <= (int32_t)sizeof stack ? stack : malloc((size_t)length);
        if (!filtered) return WWC_ERR_ICU;
    }
    const int breakPending = mode == WWC_TEXT_NARRATIVE ? 2 : 1;
    int pending = 0;  // 0 = nothing, 1 = a space, 2 = a line break (narrative mode)
    int mayChange = 0;  // holds a code point that NFC might change
    int32_t n = 0;  // never more than i: every separator written stands for a run already read
    int32_t rc = WWC_OK;
#define WWC_FLUSH_PENDING()                                             \
    do {                                                                \
        if (pending) {                                                  \
            if (n > 0) {                                                \
                char separator = pending == 2 ? '\n' : ' ';             \
                filtered[n++] = separator;                              \
                pieces_separator(&parts, bytes, length, separator);     \
            }                                                           \
            pending = 0;                                                \
        }                                                               \
    } while (0)
    for (int32_t i = 0; i < length;) {
#if defined(__SSE2__)
        // The longest prefix of the next 16 bytes that comes out as it is: printable ASCII
        // (U+0020..U+007E) and whole two-byte U+00C0..U+02FF (lead byte C3..CB: Latin-1
        // letters, Latin Extended, IPA, modifier letters; all kept, all NFC-inert), with single
        // spaces after a kept character (a last space becomes pending). The bulk of every
        // narrative goes this way; the first byte that does not, one character at a time below.
        if (length - i >= 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(bytes + i));
            int ascii = _mm_movemask_epi8(
                _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x1F)), _mm_cmplt_epi8(v, _mm_set1_epi8(0x7F))));
            int leads = _mm_movemask_epi8(
                _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8((char)0xC2)), _mm_cmplt_epi8(v, _mm_set1_epi8((char)0xCC))));
            int trails = _mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8((char)0xC0)));  // 80..BF (signed: below C0)
            int spaces = _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
            int pairs = leads & (trails >> 1);  // a lead byte with its trail byte in these 16
            int good = ascii | pairs | (pairs << 1);
            int bad = ~good | (spaces & (spaces << 1));  // the second space of two
            if (pending || n == 0) bad |= spaces & 1;   // a space that joins a run, or leads
            int k = __builtin_ctz((unsigned)bad | 0x10000u);
            if (k > 0) {
                WWC_FLUSH_PENDING();  // the first byte is no space here when one is pending
                _mm_storeu_si128((__m128i *)(filtered + n), v);  // n + 16 <= i + 16 <= length
                int32_t kept = (spaces >> (k - 1)) & 1 ? k - 1 : k;
                if (kept > 0) pieces_keep(&parts, i, i + kept);
                if (kept < k) pending = 1;
                n += kept;
                i += k;
                continue;
            }
        }
#endif
        // One character.
        uint8_t b = bytes[i];
        if (b > 0x20 && b < 0x7F) {
            WWC_FLUSH_PENDING();
            filtered[n++] = (char)b;
            pieces_keep(&parts, i, i + 1);
            i++;
            continue;
        }
        if (b == 0x20) {
            if (pending == 0) pending = 1;
            i++;
            continue;
        }
        int32_t start = i;
        UChar32 c = b;
        int kind;
        if (c < 0x80) {
            i++;
            kind = latin1_class[c];
        } else {
            U8_NEXT(bytes, i, length, c);
            if (c < 0) { rc = WWC_ERR_ARGUMENT; goto done; }
            if (c < NFC_INERT_BELOW) {
                // U+0100..U+02FF: letters, modifier letters and symbols, none white space,
                // control or format (the tests hold this to ICU on every code point).
                kind = c < 0x100 ? latin1_class[c] : KEEP;
            } else {
                kind = classify(c);
                if (kind == KEEP && !mayChange
                    && (u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) != UNORM_YES || u_getCombiningClass(c) != 0)) {
                    mayChange = 1;
                }
            }
        }
        if (kind == KEEP) {
            WWC_FLUSH_PENDING();
            pieces_keep(&parts, start, i);
            while (start < i) filtered[n++] = (char)bytes[start++];
        } else if (kind == SPACE) {
            if (pending == 0) pending = 1;
        } else if (kind == BREAK) {
            if (breakPending > pending) pending = breakPending;
        }
    }
#undef WWC_FLUSH_PENDING
    if (mayChange) {
        rc = nfc_utf8(filtered, n, out, capacity);
        goto done;
    }
    if (parts.start >= 0) pieces_close(&parts, 0);
    if (pieceCount) *pieceCount = parts.count;
    if (filtered != out && n <= capacity) memcpy(out, filtered, (size_t)n);
    rc = n;
done:
    if (filtered != out && filtered != stack) free(filtered);
    return rc;
}

// The former implementation over UTF-16 with ICU asked about every character, kept as the
// reference the tests hold `wwc_text_clean` to.
int32_t wwc_text_clean_utf16(const char *text, int32_t length, int32_t mode, char *out, int32_t capacity) {
    wwc_u16 src, filtered = {0};
    int32_t rc = wwc_u16_from_utf8(&src, text, length);
    if (rc == WWC_OK) rc = wwc_u16_reserve(&filtered, src.length + 1);
    if (rc != WWC_OK) goto done;
    // 0 = nothing pending, 1 = a space, 2 = a line break (narrative mode).
    int pending = 0;
    int32_t n = 0;
    for (int32_t i = 0; i < src.length;) {
        UChar32 c;
        U16_NEXT(src.chars, i, src.length, c);
        if (is_line_break(c)) {
            pending = mode == WWC_TEXT_NARRATIVE ? 2 : (pending > 1 ? pending : 1);
            continue;
        }
        if (u_isUWhiteSpace(c) || u_charType(c) == U_SPACE_SEPARATOR) {
            if (pending == 0) pending = 1;
            continue;
        }
        int8_t type = u_charType(c);
        if (type == U_CONTROL_CHAR || type == U_FORMAT_CHAR) continue;
        if (pending && n > 0) filtered.chars[n++] = pending == 2 ? 0x0A : 0x20;
        pending = 0;
        U16_APPEND_UNSAFE(filtered.chars, n, c);
    }
    filtered.length = n;
    rc = nfc_utf16_out(filtered.chars, filtered.length, out, capacity);
done:
    wwc_u16_free(&src);
    wwc_u16_free(&filtered);
    return rc;
}

static int32_t normalize_into(const UNormalizer2 *norm, const wwc_u16 *src, wwc_u16 *dst) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t need = unorm2_normalize(norm, src->chars, src->length, NULL, 0, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return WWC_ERR_ICU;
    if (wwc_u16_reserve(dst, need + 1) != WWC_OK) return WWC_ERR_ICU;
    status = U_ZERO_ERROR;
    dst->length = unorm2_normalize(norm, src->chars, src->length, dst->chars, dst->capacity, &status);
    return U_SUCCESS(status) ? WWC_OK : WWC_ERR_ICU;
}

int32_t wwc_match_key(const char *text, int32_t length, char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *folding = unorm2_getNFKCCasefoldInstance(&status);
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&status);
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
    if (U_FAILURE(status)) return WWC_ERR_ICU;
    wwc_u16 src, folded = {0}, decomposed = {0}, kept = {0}, composed = {0};
    int32_t rc = wwc_u16_from_utf8(&src, text, length);
    // 1. Compatibility + case fold (width, ligatures, ß → ss, default ignorables dropped).
    if (rc == WWC_OK) rc = normalize_into(folding, &src, &folded);
    // 2. Canonical decomposition, so every accent is a separate combining mark.
    if (rc == WWC_OK) rc = normalize_into(nfd, &folded, &decomposed);
    if (rc == WWC_OK) rc = wwc_u16_reserve(&kept, decomposed.length + 1);
    if (rc != WWC_OK) goto done;
    // 3. Drop non-spacing and enclosing marks; anything not a letter, digit or spacing mark
    //    is a word break; collapse breaks to one space and trim.
    int32_t n = 0;
    int pending = 0;
    for (int32_t i = 0; i < decomposed.length;) {
        UChar32 c;
        U16_NEXT(decomposed.chars, i, decomposed.length, c);
        uint32_t mask = U_GET_GC_MASK(c);
        if (mask & (U_GC_MN_MASK | U_GC_ME_MASK)) continue;
        if (mask & (U_GC_L_MASK | U_GC_N_MASK | U_GC_MC_MASK)) {
            if (pending && n > 0) kept.chars[n++] = 0x20;
            pending = 0;
            U16_APPEND_UNSAFE(kept.chars, n, c);
        } else {
            pending = 1;
        }
    }
    kept.length = n;
    // 4. Latin letters without a decomposition → ASCII spelling (œuvre → oeuvre), rarely needed.
    if (has_non_ascii_latin(kept.chars, kept.length)) {
        UTransliterator *transliterator = latin_ascii();
        wwc_u16 spelled = {0};
        if (transliterator && wwc_u16_reserve(&spelled, kept.length * 4 + 16) == WWC_OK) {
            u_memcpy(spelled.chars, kept.chars, kept.length);
            int32_t length = kept.length, limit = kept.length;
            UErrorCode status = U_ZERO_ERROR;
            utrans_transUChars(transliterator, spelled.chars, &length, spelled.capacity, 0, &limit, &status);
            if (U_SUCCESS(status) && wwc_u16_reserve(&kept, length + 1) == WWC_OK) {
                u_memcpy(kept.chars, spelled.chars, length);
                kept.length = length;
            }
        }
        wwc_u16_free(&spelled);
    }
    // 5. Recompose what is left (e.g. Hangul) so keys are NFC like all other text.
    rc = normalize_into(nfc, &kept, &composed);
    if (rc == WWC_OK) rc = wwc_utf8_out(composed.chars, composed.length, out, capacity);
done:
    wwc_u16_free(&src);
    wwc_u16_free(&folded);
    wwc_u16_free(&decomposed);
    wwc_u16_free(&kept);
    wwc_u16_free(&composed);
    return rc;
}
