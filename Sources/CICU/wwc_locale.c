// Locale tags, regions, country names, currencies and plural categories.
#include "wwc_internal.h"
#include <unicode/uloc.h>
#include <unicode/ucurr.h>
#include <unicode/ures.h>
#include <unicode/upluralrules.h>
#include <unicode/uenum.h>
#include <string.h>
#include <stdlib.h>
#include <ctype.h>

int32_t wwc_locale_id(const char *tag, char *id, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t parsed = 0;
    uloc_forLanguageTag(tag, id, capacity, &parsed, &status);
    return U_SUCCESS(status) ? WWC_OK : WWC_ERR_LOCALE;
}

int32_t wwc_locale_canonical(const char *tag, int32_t length, char *out, int32_t capacity) {
    char text[ULOC_FULLNAME_CAPACITY];
    if (length <= 0 || length >= (int32_t)sizeof text) return WWC_ERR_LOCALE;
    for (int32_t i = 0; i < length; i++) {
        char c = tag[i];
        if (c == '_') c = '-';
        if (!(isalnum((unsigned char)c) || c == '-')) return WWC_ERR_LOCALE;
        text[i] = c;
    }
    text[length] = 0;
    UErrorCode status = U_ZERO_ERROR;
    char id[ULOC_FULLNAME_CAPACITY];
    int32_t parsed = 0;
    uloc_forLanguageTag(text, id, sizeof id, &parsed, &status);
    if (U_FAILURE(status) || parsed != length) return WWC_ERR_LOCALE;
    char canonical[ULOC_FULLNAME_CAPACITY];
    uloc_canonicalize(id, canonical, sizeof canonical, &status);
    if (U_FAILURE(status)) return WWC_ERR_LOCALE;
    // The language must be one ISO 639 knows and the region (if any) one ISO 3166 knows.
    char language[ULOC_LANG_CAPACITY];
    uloc_getLanguage(canonical, language, sizeof language, &status);
    if (U_FAILURE(status) || language[0] == 0) return WWC_ERR_LOCALE;
    const char *iso3 = uloc_getISO3Language(canonical);
    if (iso3 == NULL || iso3[0] == 0) return WWC_ERR_LOCALE;
    char region[ULOC_COUNTRY_CAPACITY];
    uloc_getCountry(canonical, region, sizeof region, &status);
    if (U_FAILURE(status)) return WWC_ERR_LOCALE;
    if (region[0] != 0 && isalpha((unsigned char)region[0])) {
        const char *country3 = uloc_getISO3Country(canonical);
        if (country3 == NULL || country3[0] == 0) return WWC_ERR_LOCALE;
    }
    char bcp47[ULOC_FULLNAME_CAPACITY];
    int32_t len = uloc_toLanguageTag(canonical, bcp47, sizeof bcp47, 1, &status);
    if (U_FAILURE(status) || len <= 0) return WWC_ERR_LOCALE;
    return wwc_copy_out(bcp47, out, capacity);
}

int32_t wwc_locale_has_data(const char *tag) {
    char id[ULOC_FULLNAME_CAPACITY];
    if (wwc_locale_id(tag, id, sizeof id) != WWC_OK) return WWC_ERR_LOCALE;
    UErrorCode status = U_ZERO_ERROR;
    char language[ULOC_LANG_CAPACITY];
    uloc_getLanguage(id, language, sizeof language, &status);
    if (U_FAILURE(status)) return WWC_ERR_LOCALE;
    // Walk ICU's installed locales: an unknown language would silently fall back to root.
    int32_t count = uloc_countAvailable();
    for (int32_t i = 0; i < count; i++) {
        const char *available = uloc_getAvailable(i);
        size_t n = strlen(language);
        if (strncmp(available, language, n) == 0 && (available[n] == 0 || available[n] == '_')) return WWC_OK;
    }
    return WWC_ERR_LOCALE;
}

int32_t wwc_locale_currency(const char *tag, char *out, int32_t capacity) {
    char id[ULOC_FULLNAME_CAPACITY];
    if (wwc_locale_id(tag, id, sizeof id) != WWC_OK) return WWC_ERR_LOCALE;
    UErrorCode status = U_ZERO_ERROR;
    UChar code[4] = {0};
    int32_t len = ucurr_forLocale(id, code, 4, &status);
    if (U_FAILURE(status) || len != 3) return WWC_ERR_LOCALE;
    char ascii[4] = {(char)code[0], (char)code[1], (char)code[2], 0};
    return wwc_copy_out(ascii, out, capacity);
}

int32_t wwc_currency_fraction_digits(const char *iso) {
    if (strlen(iso) != 3) return WWC_ERR_ARGUMENT;
    UChar code[4] = {(UChar)iso[0], (UChar)iso[1], (UChar)iso[2], 0};
    UErrorCode status = U_ZERO_ERROR;
    int32_t digits = ucurr_getDefaultFractionDigits(code, &status);
    return U_SUCCESS(status) ? digits : WWC_ERR_ICU;
}

/// Appends "CODE\tKIND\tSYMBOL\n" to out (bytes needed are counted even when it does not fit).
static void append_symbol(const char *code, char kind, const UChar *name, int32_t nameLength, char *out,
                          int32_t capacity, int32_t *used) {
    char utf8[128];
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = 0;
    u_strToUTF8(utf8, (int32_t)sizeof utf8, &length, name, nameLength, &status);
    if (U_FAILURE(status) || length == 0 || length >= (int32_t)sizeof utf8) return;
    int32_t needed = 3 + 3 + length + 1;
    if (*used + needed <= capacity) {
        char *p = out + *used;
        memcpy(p, code, 3);
        p[3] = '\t';
        p[4] = kind;
        p[5] = '\t';
        memcpy(p + 6, utf8, (size_t)length);
        p[6 + length] = '\n';
    }
    *used += needed;
}

int32_t wwc_currency_symbols(const char *tag, char *out, int32_t capacity) {
    char id[ULOC_FULLNAME_CAPACITY];
    if (wwc_locale_id(tag, id, sizeof id) != WWC_OK) return WWC_ERR_LOCALE;
    // The language's own symbols too: fr-CA writes CAD as "$" but French elsewhere as "$CA".
    char language[ULOC_LANG_CAPACITY] = {0};
    UErrorCode languageStatus = U_ZERO_ERROR;
    uloc_getLanguage(id, language, (int32_t)sizeof language, &languageStatus);
    if (U_FAILURE(languageStatus) || language[0] == 0) strcpy(language, "root");
    const char *locales[] = {id, language, "root", "en"};
    const UCurrNameStyle styles[] = {
        UCURR_SYMBOL_NAME, UCURR_NARROW_SYMBOL_NAME, UCURR_FORMAL_SYMBOL_NAME, UCURR_VARIANT_SYMBOL_NAME,
    };
    UErrorCode status = U_ZERO_ERROR;
    UEnumeration *codes = ucurr_openISOCurrencies(UCURR_COMMON | UCURR_NON_DEPRECATED, &status);
    if (U_FAILURE(status)) return WWC_ERR_ICU;
    int32_t used = 0;
    const char *code;
    int32_t codeLength = 0;
    while ((code = uenum_next(codes, &codeLength, &status)) != NULL && U_SUCCESS(status)) {
        if (codeLength != 3) continue;
        UChar iso[4] = {(UChar)code[0], (UChar)code[1], (UChar)code[2], 0};
        for (size_t l = 0; l < sizeof locales / sizeof *locales; l++) {
            for (size_t s = 0; s < sizeof styles / sizeof *styles; s++) {
                UErrorCode nameStatus = U_ZERO_ERROR;
                UBool isChoiceFormat = 0;
                int32_t nameLength = 0;
                const UChar *name = ucurr_getName(iso, locales[l], styles[s], &isChoiceFormat, &nameLength, &nameStatus);
                if (U_FAILURE(nameStatus) || name == NULL || isChoiceFormat) continue;
                char kind = styles[s] == UCURR_NARROW_SYMBOL_NAME ? 'N' : 'S';
                append_symbol(code, kind, name, nameLength, out, capacity, &used);
            }
        }
    }
    uenum_close(codes);
    if (used < capacity) out[used] = 0;
    return used;
}

int32_t wwc_language_name(const char *language, const char *display, char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UChar name[128];
    int32_t length = uloc_getDisplayLanguage(language, display, name, 128, &status);
    // ICU echoes the code when it has no name, and warns when it fell back to another locale.
    if (U_FAILURE(status) || length <= 0 || length >= 128 || status == U_USING_DEFAULT_WARNING) return WWC_ERR_LOCALE;
    return wwc_utf8_out(name, length, out, capacity);
}

int32_t wwc_country_count(void) {
    const char *const *list = uloc_getISOCountries();
    int32_t n = 0;
    while (list[n]) n++;
    return n;
}

int32_t wwc_country_code(int32_t index, char *out, int32_t capacity) {
    const char *const *list = uloc_getISOCountries();
    return wwc_copy_out(list[index], out, capacity);
}

int32_t wwc_country_alpha3(const char *alpha2, char *out, int32_t capacity) {
    char id[16] = "und_";
    strncat(id, alpha2, 3);
    const char *code = uloc_getISO3Country(id);
    if (code == NULL || code[0] == 0) return WWC_ERR_LOCALE;
    return wwc_copy_out(code, out, capacity);
}

int32_t wwc_country_name(const char *alpha2, const char *display, char *out, int32_t capacity) {
    char id[16] = "und_";
    strncat(id, alpha2, 3);
    UErrorCode status = U_ZERO_ERROR;
    UChar name[256];
    int32_t len = uloc_getDisplayCountry(id, display, name, 256, &status);
    // U_USING_DEFAULT_WARNING: ICU had no name and echoed the code.
    if (U_FAILURE(status) || status == U_USING_DEFAULT_WARNING || len <= 0) return WWC_ERR_LOCALE;
    return wwc_utf8_out(name, len, out, capacity);
}

int32_t wwc_country_names(const char *display, char *out, int32_t capacity) {
    // Exactly wwc_country_name for each country, in one call from Swift.
    const char *const *list = uloc_getISOCountries();
    int32_t needed = 0;
    char name[1024];
    for (int32_t n = 0; list[n]; n++) {
        int32_t len = wwc_country_name(list[n], display, name, sizeof name);
        if (len >= (int32_t)sizeof name) return WWC_ERR_ICU;
        if (len > 0) {
            if (needed + len < capacity) memcpy(out + needed, name, (size_t)len);
            needed += len;
        }
        if (needed < capacity) out[needed] = '\n';
        needed += 1;
    }
    if (needed < capacity) out[needed] = 0;
    return needed;
}

int32_t wwc_plural_categories(const char *tag, char *out, int32_t capacity) {
    char id[ULOC_FULLNAME_CAPACITY];
    if (wwc_locale_id(tag, id, sizeof id) != WWC_OK) return WWC_ERR_LOCALE;
    UErrorCode status = U_ZERO_ERROR;
    UPluralRules *rules = uplrules_openForType(id, UPLURAL_TYPE_CARDINAL, &status);
    if (U_FAILURE(status)) return WWC_ERR_ICU;
    UEnumeration *keywords = uplrules_getKeywords(rules, &status);
    char joined[256] = "";
    if (U_SUCCESS(status)) {
        const char *keyword;
        int32_t len;
        while ((keyword = uenum_next(keywords, &len, &status)) != NULL && U_SUCCESS(status)) {
            if (joined[0]) strncat(joined, ",", sizeof joined - strlen(joined) - 1);
            strncat(joined, keyword, sizeof joined - strlen(joined) - 1);
        }
        uenum_close(keywords);
    }
    uplrules_close(rules);
    if (U_FAILURE(status)) return WWC_ERR_ICU;
    return wwc_copy_out(joined, out, capacity);
}
