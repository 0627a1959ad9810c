// IDNA (UTS #46) for e-mail domains and URL hosts. The UIDNA object is immutable and
// thread-safe once opened; it is opened once per process.
#include "wwc_internal.h"
#include <unicode/uidna.h>
#include <pthread.h>

static UIDNA *shared_idna;
static pthread_once_t idna_once = PTHREAD_ONCE_INIT;

static void open_idna(void) {
    UErrorCode status = U_ZERO_ERROR;
    shared_idna = uidna_openUTS46(UIDNA_NONTRANSITIONAL_TO_ASCII | UIDNA_USE_STD3_RULES
                                      | UIDNA_CHECK_BIDI | UIDNA_CHECK_CONTEXTJ,
                                  &status);
    if (U_FAILURE(status)) shared_idna = NULL;
}

int32_t wwc_idna_to_ascii(const char *domain, int32_t length, char *out, int32_t capacity) {
    pthread_once(&idna_once, open_idna);
    if (!shared_idna) return WWC_ERR_ICU;
    UErrorCode status = U_ZERO_ERROR;
    UIDNAInfo info = UIDNA_INFO_INITIALIZER;
    int32_t needed = uidna_nameToASCII_UTF8(shared_idna, domain, length, out, capacity, &info, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) return needed;
    if (U_FAILURE(status)) return WWC_ERR_ICU;
    if (info.errors != 0) return WWC_ERR_PARSE;
    return needed;
}
