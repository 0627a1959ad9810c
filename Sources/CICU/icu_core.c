// Core helpers shared by the wrappers: UTF-8 ⇄ UTF-16 and the version string.
#include "wwc_icu.h"
#include <unicode/uversion.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <stdlib.h>
#include <string.h>

int32_t wwc_icu_version(char *buf, int32_t capacity) {
    UVersionInfo info;
    char text[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(info);
    u_versionToString(info, text);
    int32_t needed = (int32_t)strlen(text);
    if (capacity > 0) {
        int32_t n = needed < capacity - 1 ? needed : capacity - 1;
        memcpy(buf, text, (size_t)n);
        buf[n] = 0;
    }
    return needed;
}

int32_t wwc_normalize_nfc(const char *text, int32_t length, char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
    if (U_FAILURE(status)) return WWC_ERR_ICU;
    int32_t u16len = 0;
    u_strFromUTF8(NULL, 0, &u16len, text, length, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return WWC_ERR_ARGUMENT;
    status = U_ZERO_ERROR;
    UChar *src = malloc(sizeof(UChar) * (size_t)(u16len + 1));
    UChar *dst = malloc(sizeof(UChar) * (size_t)(u16len * 3 + 1));
    if (!src || !dst) { free(src); free(dst); return WWC_ERR_ICU; }
    u_strFromUTF8(src, u16len + 1, NULL, text, length, &status);
    int32_t dlen = unorm2_normalize(nfc, src, u16len, dst, u16len * 3 + 1, &status);
    int32_t needed = WWC_ERR_ICU;
    if (U_SUCCESS(status)) {
        status = U_ZERO_ERROR;
        u_strToUTF8(out, capacity, &needed, dst, dlen, &status);
        if (U_FAILURE(status) && status != U_BUFFER_OVERFLOW_ERROR && status != U_STRING_NOT_TERMINATED_WARNING) needed = WWC_ERR_ICU;
    }
    free(src); free(dst);
    return needed;
}
