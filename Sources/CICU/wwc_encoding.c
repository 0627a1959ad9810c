// Character encodings by name: what the XML reader needs to judge a declared encoding.
#include "wwc_internal.h"
#include <unicode/ucnv.h>

int32_t wwc_encoding_max_char_size(const char *name) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *converter = ucnv_open(name, &status);
    if (U_FAILURE(status) || converter == NULL) return 0;
    int32_t size = ucnv_getMaxCharSize(converter);
    ucnv_close(converter);
    return size;
}
