// wwc_icu_likely.h — CLDR likely subtags (kept apart from wwc_icu.h; same conventions).
#ifndef WWC_ICU_LIKELY_H
#define WWC_ICU_LIKELY_H
#include <stdint.h>
#ifdef __cplusplus
extern "C" {
#endif
/// The likely regional locale of a language tag, as BCP 47: "es" → "es-ES", "pt" → "pt-BR"
/// (CLDR likely subtags, script dropped). Returns bytes needed or a negative status.
int32_t wwc_locale_likely_region(const char *tag, char *out, int32_t capacity);
#ifdef __cplusplus
}
#endif
#endif
