// wwc_icu.h — stable C wrappers over the system ICU4C.
//
// Why this header exists: distro ICU suffixes every symbol with its major version
// (u_strlen → u_strlen_72) and Foundation on Linux carries its own ICU module whose
// declarations clash with the system headers. This header therefore includes no ICU header:
// only fixed-width C types and opaque handles. All ICU calls live in the .c/.cpp files.
//
// Conventions
// - Strings cross the boundary as UTF-8 (pointer + length); conversion to UTF-16 happens in C.
// - Output goes to a caller buffer: functions return the number of bytes needed (excluding NUL),
//   or a negative wwc_status on failure. Call again with a larger buffer when needed > capacity.
//   When the output fits, it is NUL-terminated if there is room for the NUL.
// - Handles (wwc_numfmt, wwc_datefmt) are not thread-safe: one per thread. Stateless
//   functions (text, match key, IDNA, locale, messages) are thread-safe.
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
    WWC_ERR_RANGE = -6,        // a field is out of range (e.g. 31 February)
};

/// The ICU version the program runs with, e.g. "72.1" (written to buf, NUL-terminated).
int32_t wwc_icu_version(char *buf, int32_t capacity);

/// Unicode NFC of UTF-8 input. Returns bytes needed, or a negative status.
int32_t wwc_normalize_nfc(const char *text, int32_t length, char *out, int32_t capacity);

// MARK: Text

enum {
    WWC_TEXT_LINE = 0,       // every white space (line breaks too) → one space
    WWC_TEXT_NARRATIVE = 1,  // runs containing a line break → one "\n"; other runs → one space
};

/// Cleans text: removes control (Cc) and format (Cf: zero-width, BOM, soft hyphen, bidi marks)
/// characters, collapses white-space runs (incl. U+00A0, U+202F) per `mode`, trims, then NFC.
/// Returns bytes needed (0 = nothing left), or a negative status (WWC_ERR_ARGUMENT: invalid
/// UTF-8). When NFC changed nothing, the result is also described as pieces of the input, so
/// the caller can build it from the text it has: `*pieceCount` (-1 when not described, e.g.
/// more than `pieceCapacity` pieces) triples in `pieceList`: start and end byte offsets in
/// `text`, then the separator written after the piece (0 = none, ' ' or '\n'). The result
/// equals the input exactly when that is one piece [0, length) with no separator (or, for
/// empty input, no piece). `pieceList` and `pieceCount` may be NULL.
int32_t wwc_text_clean(const char *text, int32_t length, int32_t mode, char *out, int32_t capacity,
                       int32_t *pieceList, int32_t pieceCapacity, int32_t *pieceCount);
/// The same rules over UTF-16 with ICU asked about every character: the reference the tests
/// hold `wwc_text_clean` (which works on UTF-8 and answers U+0000..U+02FF without ICU) to.
int32_t wwc_text_clean_utf16(const char *text, int32_t length, int32_t mode, char *out, int32_t capacity);
/// The first code point that is not NFC_QC=Yes with combining class 0 (U+0300): below it,
/// `wwc_text_clean` skips normalization. For the tests.
int32_t wwc_text_nfc_inert_limit(void);

/// The matching key: NFKC case fold, all combining marks (Mn, Me) removed, every run of
/// characters that are not letters, digits or spacing marks turned into one space, trimmed.
int32_t wwc_match_key(const char *text, int32_t length, char *out, int32_t capacity);

// MARK: Numbers (C++: wwc_number.cpp)

typedef struct wwc_numfmt wwc_numfmt;

enum {
    WWC_NUMFMT_DECIMAL = 0,           // the locale's decimal pattern
    WWC_NUMFMT_INTEGER = 1,           // decimal pattern, integer digits only
    WWC_NUMFMT_PERCENT = 2,           // the locale's percent pattern (spaces in affixes optional)
    WWC_NUMFMT_CURRENCY = 3,          // the locale's currency pattern (spaces in affixes optional)
    WWC_NUMFMT_CURRENCY_SWAPPED = 4,  // currency sign on the other side of the number
    WWC_NUMFMT_PLAIN_INTEGER = 5,     // digits only: no grouping, no fraction (years)
};

enum {
    WWC_SYMBOL_DECIMAL = 0,
    WWC_SYMBOL_GROUPING = 1,
    WWC_SYMBOL_MINUS = 2,
};

/// Opens a strict parser (no lenient mode, no exponent). NULL on failure (*status set).
wwc_numfmt *wwc_numfmt_open(const char *locale, int32_t style, int32_t *status);
void wwc_numfmt_close(wwc_numfmt *format);
/// Parses the WHOLE text. Writes ICU's decimal string (may use E notation, e.g. "1.2E+3") to
/// out; for the currency styles also writes the ISO 4217 code (NUL-terminated) to currency[4].
/// Returns bytes needed, or WWC_ERR_PARSE / WWC_ERR_TRAILING with *error_offset (UTF-16 units).
int32_t wwc_numfmt_parse(wwc_numfmt *format, const char *text, int32_t length, char *out,
                         int32_t capacity, char *currency, int32_t *error_offset);
/// Formats a decimal string ("1234.5") with the locale's unmodified pattern (for examples).
/// For the currency styles, `currency` (ISO code) may be NULL for the locale's own currency.
int32_t wwc_numfmt_format(wwc_numfmt *format, const char *decimal, const char *currency,
                          char *out, int32_t capacity);
/// A number symbol of the locale (WWC_SYMBOL_*), UTF-8.
int32_t wwc_numfmt_symbol(wwc_numfmt *format, int32_t symbol, char *out, int32_t capacity);

// MARK: Dates (wwc_date.c)

typedef struct wwc_datefmt wwc_datefmt;

enum {
    WWC_DATE_ISO = -1,   // yyyy-MM-dd
    WWC_DATE_FULL = 0,
    WWC_DATE_LONG = 1,
    WWC_DATE_MEDIUM = 2,
    WWC_DATE_SHORT = 3,
};

/// Opens a strict (non-lenient) Gregorian date parser in UTC for a date style. With
/// `four_digit_year` a two-letter year field ("yy") becomes "y". NULL on failure.
wwc_datefmt *wwc_datefmt_open(const char *locale, int32_t style, int32_t four_digit_year, int32_t *status);
void wwc_datefmt_close(wwc_datefmt *format);
/// The pattern in use (UTF-8).
int32_t wwc_datefmt_pattern(wwc_datefmt *format, char *out, int32_t capacity);
/// Parses the WHOLE text into year, month (1-12) and day. Returns WWC_OK, WWC_ERR_PARSE,
/// WWC_ERR_TRAILING or WWC_ERR_RANGE (a field out of range: no rollover).
int32_t wwc_datefmt_parse(wwc_datefmt *format, const char *text, int32_t length,
                          int32_t *year, int32_t *month, int32_t *day, int32_t *error_offset);
int32_t wwc_datefmt_format(wwc_datefmt *format, int32_t year, int32_t month, int32_t day,
                           char *out, int32_t capacity);

/// The days 1…31 as the locale's ordinal rule-based number format writes them (`1er` fr,
/// `1.º` es, `1º.` es-MX, `1º` pt, `1st` en), then as its language's (when it differs), as
/// lines "DAY\tFORM\n". Returns bytes needed.
int32_t wwc_ordinal_days(const char *locale, char *out, int32_t capacity);

// MARK: Locales and countries (wwc_locale.c)

/// BCP 47 canonical form of a tag ("es_mx" → "es-MX"); WWC_ERR_LOCALE if it is not a
/// well-formed tag with a known language (and known region, if any).
int32_t wwc_locale_canonical(const char *tag, int32_t length, char *out, int32_t capacity);
/// WWC_OK when ICU has locale data for the language of this ICU locale id or BCP 47 tag.
int32_t wwc_locale_has_data(const char *locale);
/// The ISO 4217 currency of the locale's region, e.g. "MXN" (out needs 4 bytes).
int32_t wwc_locale_currency(const char *locale, char *out, int32_t capacity);
/// The number of minor-unit digits of an ISO 4217 currency ("USD" → 2, "CLP" → 0, "BHD" → 3),
/// or a negative status.
int32_t wwc_currency_fraction_digits(const char *iso);
/// The currency symbols a reader of this locale may meet: for every current ISO 4217 currency,
/// its symbol, narrow, formal and variant symbols in the locale (with its fallbacks), in its
/// language (`$CA` in fr), in root (`US$`, `CA$`, `MX$`, `R$`) and in English, as lines
/// "CODE\tKIND\tSYMBOL\n", KIND `N` for a narrow symbol (`$`, `C$` for NIO: meant where the
/// currency is clear from context) and `S` for the others (duplicates kept; ICU echoes the
/// code where it has no symbol). Returns bytes needed.
int32_t wwc_currency_symbols(const char *locale, char *out, int32_t capacity);
/// A language's name in a display language ("es", "fr" → "espagnol"); WWC_ERR_LOCALE when
/// ICU has none.
int32_t wwc_language_name(const char *language, const char *display, char *out, int32_t capacity);
/// Number of ISO 3166 alpha-2 region codes ICU knows, and the i-th one.
int32_t wwc_country_count(void);
int32_t wwc_country_code(int32_t index, char *out, int32_t capacity);
/// The alpha-3 code of an alpha-2 code ("MX" → "MEX").
int32_t wwc_country_alpha3(const char *alpha2, char *out, int32_t capacity);
/// The country's name in a display language ("MX", "fr" → "Mexique"); WWC_ERR_LOCALE if ICU
/// has no name (it would echo the code).
int32_t wwc_country_name(const char *alpha2, const char *display_locale, char *out, int32_t capacity);
/// The names of all countries of wwc_country_code's list in a display language, in that order,
/// each followed by "\n" (an empty line where ICU has no name): the same strings as
/// wwc_country_name, in one call.
int32_t wwc_country_names(const char *display_locale, char *out, int32_t capacity);
/// CLDR cardinal plural categories of the locale, comma-separated ("many,one,other").
int32_t wwc_plural_categories(const char *locale, char *out, int32_t capacity);

// MARK: IDNA (wwc_idna.c)

/// UTS #46 ToASCII of a domain name (non-transitional, STD3, bidi and CONTEXTJ checks):
/// "municipalidad.cañete.pe" → "municipalidad.xn--caete-rta.pe", lower-cased.
/// WWC_ERR_PARSE when IDNA reports any error.
int32_t wwc_idna_to_ascii(const char *domain, int32_t length, char *out, int32_t capacity);

// MARK: Messages (C++: wwc_message.cpp)

enum {
    WWC_ARG_TEXT = 0,
    WWC_ARG_INTEGER = 1,
    WWC_ARG_DECIMAL = 2,  // `text` is a decimal number ("88.37"), formatted exactly
};

/// One named message argument.
typedef struct wwc_message_arg {
    const char *name;     // NUL-terminated UTF-8
    int32_t kind;         // WWC_ARG_*
    const char *text;     // NUL-terminated UTF-8 when kind == WWC_ARG_TEXT or WWC_ARG_DECIMAL
    int64_t integer;      // when kind == WWC_ARG_INTEGER
} wwc_message_arg;

/// Formats an ICU MessageFormat pattern with named arguments. On a syntax error returns
/// WWC_ERR_PARSE with *error_offset (UTF-16 offset in the pattern). Thread-safe: each thread
/// keeps its own cache of compiled patterns keyed by (locale, pattern), freed at thread exit.
int32_t wwc_message_format(const char *pattern, int32_t length, const char *locale,
                           const wwc_message_arg *args, int32_t count, char *out, int32_t capacity,
                           int32_t *error_offset);
/// Compiled patterns in the calling thread's cache (for tests).
int32_t wwc_message_cache_size(void);
/// Empties the calling thread's cache of compiled patterns.
void wwc_message_cache_reset(void);
/// Describes a pattern: one line per fact, "A\t<name>" for each argument name and
/// "K\t<name>\t<keyword>" for each plural/selectordinal selector keyword ("one", "=0").
/// WWC_ERR_PARSE when ICU refuses the pattern, and for an argument style that starts with a
/// space ICU does not trim (U+00A0, U+202F…), which would turn a skeleton into literal text.
int32_t wwc_message_inspect(const char *pattern, int32_t length, char *out, int32_t capacity,
                            int32_t *error_offset);
/// The text of a pattern as MessagePattern parses it, for the translators' checks: one line
/// "V\t<choice>\t<name>\t<keyword>\t<start>\t<limit>\n" per variant of a plural or
/// selectordinal argument (<start>..<limit>: UTF-16 offsets of the variant's text in the
/// pattern; <choice>: the same number for the variants of one argument), then "L\t" and the
/// literal text to the end (quoting resolved, each argument one space, the messages inside a
/// plural or select argument kept, `#` kept). WWC_ERR_PARSE when the pattern does not parse.
int32_t wwc_message_outline(const char *pattern, int32_t length, char *out, int32_t capacity);

// MARK: Encodings (wwc_encoding.c)

/// Most bytes one character takes in the named encoding (ICU's converter aliases:
/// "ISO-8859-1", "latin1", "windows-1252", "UTF-8"…): 1 for single-byte encodings; 0 for a
/// name ICU does not know.
int32_t wwc_encoding_max_char_size(const char *name);

#ifdef __cplusplus
}
#endif

#endif
