// CLDR likely subtags: which region a bare language most likely means.
#include "wwc_internal.h"
#include "wwc_icu_likely.h"
#include <unicode/uloc.h>
#include <stdio.h>

int32_t wwc_locale_likely_region(const char *tag, char *out, int32_t capacity) {
    char id[ULOC_FULLNAME_CAPACITY];
    if (wwc_locale_id(tag, id, sizeof id) != WWC_OK) return WWC_ERR_LOCALE;
    UErrorCode status = U_ZERO_ERROR;
    char maximized[ULOC_FULLNAME_CAPACITY];
    uloc_addLikelySubtags(id, maximized, sizeof maximized, &status);
    if (U_FAILURE(status)) return WWC_ERR_LOCALE;
    char language[ULOC_LANG_CAPACITY];
    char region[ULOC_COUNTRY_CAPACITY];
    uloc_getLanguage(maximized, language, sizeof language, &status);
    uloc_getCountry(maximized, region, sizeof region, &status);
    if (U_FAILURE(status) || language[0] == 0 || region[0] == 0) return WWC_ERR_LOCALE;
    char result[ULOC_FULLNAME_CAPACITY];
    snprintf(result, sizeof result, "%s-%s", language, region);
    return wwc_copy_out(result, out, capacity);
}
