// Core helpers shared by the wrappers: UTF-8 ⇄ UTF-16 and the version string.
#include "wwc_internal.h"
#include <unicode/uversion.h>
#include <unicode/unorm2.h>
#include <stdlib.h>
#include <string.h>

int32_t wwc_u16_reserve(wwc_u16 *buffer, int32_t capacity) {
    if (buffer->chars == NULL) {
        buffer->chars = buffer->stack;
        buffer->capacity = (int32_t)(sizeof(buffer->stack) / sizeof(UChar));
    }
    if (capacity <= buffer->capacity) return WWC_OK;
    UChar *heap = malloc(sizeof(UChar) * (size_t)capacity);
    if (!heap) return WWC_ERR_ICU;
    if (buffer->chars != buffer->stack) free(buffer->chars);
    buffer->chars = heap;
    buffer->capacity = capacity;
    return WWC_OK;
}

void wwc_u16_free(wwc_u16 *buffer) {
    if (buffer->chars && buffer->chars != buffer->stack) free(buffer->chars);
    buffer->chars = NULL;
    buffer->capacity = 0;
    buffer->length = 0;
}

int32_t wwc_u16_from_utf8(wwc_u16 *buffer, const char *text, int32_t length) {
    buffer->chars = NULL;
    buffer->length = 0;
    if (wwc_u16_reserve(buffer, 0) != WWC_OK) return WWC_ERR_ICU;
    if (length < 0) return WWC_ERR_ARGUMENT;
    // UTF-16 never needs more units than UTF-8 has bytes.
    if (wwc_u16_reserve(buffer, length + 1) != WWC_OK) return WWC_ERR_ICU;
    UErrorCode status = U_ZERO_ERROR;
    int32_t produced = 0;
    u_strFromUTF8(buffer->chars, buffer->capacity, &produced, text, length, &status);
    if (U_FAILURE(status)) return WWC_ERR_ARGUMENT;
    buffer->length = produced;
    return WWC_OK;
}

int32_t wwc_utf8_out(const UChar *chars, int32_t length, char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t needed = 0;
    u_strToUTF8(out, capacity, &needed, chars, length, &status);
    if (U_FAILURE(status) && status != U_BUFFER_OVERFLOW_ERROR) return WWC_ERR_ICU;
    return needed;
}

int32_t wwc_copy_out(const char *text, char *out, int32_t capacity) {
    int32_t needed = (int32_t)strlen(text);
    if (needed < capacity) memcpy(out, text, (size_t)needed + 1);
    else if (needed == capacity) memcpy(out, text, (size_t)needed);
    return needed;
}

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
    wwc_u16 src, dst = {0};
    int32_t rc = wwc_u16_from_utf8(&src, text, length);
    if (rc != WWC_OK) { wwc_u16_free(&src); return rc; }
    if (wwc_u16_reserve(&dst, src.length * 3 + 1) != WWC_OK) { wwc_u16_free(&src); return WWC_ERR_ICU; }
    int32_t dlen = unorm2_normalize(nfc, src.chars, src.length, dst.chars, dst.capacity, &status);
    int32_t needed = U_SUCCESS(status) ? wwc_utf8_out(dst.chars, dlen, out, capacity) : WWC_ERR_ICU;
    wwc_u16_free(&src);
    wwc_u16_free(&dst);
    return needed;
}
