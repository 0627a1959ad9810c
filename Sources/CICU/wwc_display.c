// Display names of languages for the review pages' language switcher (CLDR via ICU).
#include "wwc_internal.h"
#include <unicode/uloc.h>

int32_t wwc_language_name(const char *language, const char *display, char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UChar name[256];
    int32_t len = uloc_getDisplayLanguage(language, display, name, 256, &status);
    // U_USING_DEFAULT_WARNING: ICU had no name and echoed the code.
    if (U_FAILURE(status) || status == U_USING_DEFAULT_WARNING || len <= 0) return WWC_ERR_LOCALE;
    return wwc_utf8_out(name, len, out, capacity);
}
