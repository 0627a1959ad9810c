// Strict date parsing over udat: non-lenient, Gregorian, UTC, whole input consumed.
#include "wwc_internal.h"
#include <unicode/udat.h>
#include <unicode/ucal.h>
#include <unicode/uloc.h>
#include <unicode/unum.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

struct wwc_datefmt {
    UDateFormat *format;
    UCalendar *calendar;   // reused for every parse
    char locale[ULOC_FULLNAME_CAPACITY];  // for lower-casing input
};

static const UChar utc[] = {'U', 'T', 'C', 0};

/// The ICU locale id for a BCP 47 tag, with the Gregorian calendar forced.
static int32_t gregorian_locale(const char *tag, char *id, int32_t capacity) {
    if (wwc_locale_id(tag, id, capacity) != WWC_OK) return WWC_ERR_LOCALE;
    UErrorCode status = U_ZERO_ERROR;
    uloc_setKeywordValue("calendar", "gregorian", id, capacity, &status);
    return U_SUCCESS(status) ? WWC_OK : WWC_ERR_LOCALE;
}

wwc_datefmt *wwc_datefmt_open(const char *locale, int32_t style, int32_t four_digit_year, int32_t *statusOut) {
    char id[ULOC_FULLNAME_CAPACITY];
    if (gregorian_locale(locale, id, sizeof id) != WWC_OK) { *statusOut = WWC_ERR_LOCALE; return NULL; }
    UErrorCode status = U_ZERO_ERROR;
    UDateFormat *format;
    if (style == WWC_DATE_ISO) {
        static const UChar iso[] = {'y','y','y','y','-','M','M','-','d','d',0};
        format = udat_open(UDAT_PATTERN, UDAT_PATTERN, "en_US_POSIX@calendar=gregorian", utc, -1, iso, -1, &status);
    } else {
        format = udat_open(UDAT_NONE, (UDateFormatStyle)style, id, utc, -1, NULL, 0, &status);
    }
    if (U_FAILURE(status)) { *statusOut = WWC_ERR_ICU; return NULL; }
    if (four_digit_year && style != WWC_DATE_ISO) {
        UChar pattern[128];
        int32_t len = udat_toPattern(format, 0, pattern, 128, &status);
        if (U_SUCCESS(status) && len < 127) {
            // "yy" (exactly two, outside quotes) → "y": accepts 2024 where the short form says 24.
            UChar changed[128];
            int32_t n = 0;
            int quoted = 0;
            for (int32_t i = 0; i < len; i++) {
                UChar c = pattern[i];
                if (c == '\'') quoted = !quoted;
                if (!quoted && c == 'y') {
                    int32_t run = 0;
                    while (i + run < len && pattern[i + run] == 'y') run++;
                    changed[n++] = 'y';
                    if (run != 2) for (int32_t k = 1; k < run; k++) changed[n++] = 'y';
                    i += run - 1;
                    continue;
                }
                changed[n++] = c;
            }
            udat_applyPattern(format, 0, changed, n);
        }
    }
    udat_setLenient(format, 0);
    UCalendar *calendar = ucal_clone(udat_getCalendar(format), &status);
    if (U_FAILURE(status)) { udat_close(format); *statusOut = WWC_ERR_ICU; return NULL; }
    ucal_setAttribute(calendar, UCAL_LENIENT, 0);
    wwc_datefmt *handle = malloc(sizeof *handle);
    if (!handle) { ucal_close(calendar); udat_close(format); *statusOut = WWC_ERR_ICU; return NULL; }
    handle->format = format;
    handle->calendar = calendar;
    strncpy(handle->locale, id, sizeof handle->locale - 1);
    handle->locale[sizeof handle->locale - 1] = 0;
    *statusOut = WWC_OK;
    return handle;
}

void wwc_datefmt_close(wwc_datefmt *format) {
    if (!format) return;
    ucal_close(format->calendar);
    udat_close(format->format);
    free(format);
}

int32_t wwc_datefmt_pattern(wwc_datefmt *format, char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UChar pattern[256];
    int32_t len = udat_toPattern(format->format, 0, pattern, 256, &status);
    if (U_FAILURE(status)) return WWC_ERR_ICU;
    return wwc_utf8_out(pattern, len, out, capacity);
}

int32_t wwc_datefmt_parse(wwc_datefmt *format, const char *text, int32_t length,
                          int32_t *year, int32_t *month, int32_t *day, int32_t *error_offset) {
    *error_offset = 0;
    wwc_u16 input;
    int32_t rc = wwc_u16_from_utf8(&input, text, length);
    if (rc != WWC_OK) { wwc_u16_free(&input); return rc; }
    UErrorCode status = U_ZERO_ERROR;
    // Literal words of the pattern ("de" in "15 de marzo de 2024") match case-sensitively;
    // people write "15 De Marzo De 2024". Month and day names match in any case, so lower-case
    // the input with the locale's rules (same length for these scripts, else leave it).
    wwc_u16 lowered = {0};
    if (wwc_u16_reserve(&lowered, input.length + 1) == WWC_OK) {
        int32_t len = u_strToLower(lowered.chars, lowered.capacity, input.chars, input.length, format->locale, &status);
        if (U_SUCCESS(status) && len == input.length) {
            u_memcpy(input.chars, lowered.chars, len);
        }
        status = U_ZERO_ERROR;
    }
    wwc_u16_free(&lowered);
    int32_t position = 0;
    ucal_clear(format->calendar);
    udat_parseCalendar(format->format, format->calendar, input.chars, input.length, &position, &status);
    int32_t length16 = input.length;
    wwc_u16_free(&input);
    if (U_FAILURE(status) || position == 0) {
        *error_offset = position;
        return status == U_ILLEGAL_ARGUMENT_ERROR ? WWC_ERR_RANGE : WWC_ERR_PARSE;
    }
    if (position != length16) { *error_offset = position; return WWC_ERR_TRAILING; }
    // A non-lenient calendar refuses out-of-range fields (31 February) when computing.
    int32_t era = ucal_get(format->calendar, UCAL_ERA, &status);
    *year = ucal_get(format->calendar, UCAL_YEAR, &status);
    *month = ucal_get(format->calendar, UCAL_MONTH, &status) + 1;
    *day = ucal_get(format->calendar, UCAL_DATE, &status);
    if (U_FAILURE(status)) return WWC_ERR_RANGE;
    if (era != 1) return WWC_ERR_RANGE;  // BC dates are not application dates
    return WWC_OK;
}

int32_t wwc_datefmt_format(wwc_datefmt *format, int32_t year, int32_t month, int32_t day,
                           char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UCalendar *calendar = ucal_clone(format->calendar, &status);
    if (U_FAILURE(status)) return WWC_ERR_ICU;
    ucal_setAttribute(calendar, UCAL_LENIENT, 1);
    ucal_clear(calendar);
    ucal_setDate(calendar, year, month - 1, day, &status);
    UDate date = ucal_getMillis(calendar, &status);
    ucal_close(calendar);
    if (U_FAILURE(status)) return WWC_ERR_ICU;
    UChar text[256];
    int32_t len = udat_format(format->format, date, text, 256, NULL, &status);
    if (U_FAILURE(status)) return WWC_ERR_ICU;
    return wwc_utf8_out(text, len, out, capacity);
}

int32_t wwc_ordinal_days(const char *tag, char *out, int32_t capacity) {
    char id[ULOC_FULLNAME_CAPACITY];
    if (wwc_locale_id(tag, id, sizeof id) != WWC_OK) return WWC_ERR_LOCALE;
    char language[ULOC_LANG_CAPACITY] = {0};
    UErrorCode languageStatus = U_ZERO_ERROR;
    uloc_getLanguage(id, language, (int32_t)sizeof language, &languageStatus);
    const char *locales[] = {id, language};
    int32_t count = U_SUCCESS(languageStatus) && language[0] != 0 ? 2 : 1;
    int32_t used = 0;
    for (int32_t l = 0; l < count; l++) {
        UErrorCode status = U_ZERO_ERROR;
        UNumberFormat *format = unum_open(UNUM_ORDINAL, NULL, 0, locales[l], NULL, &status);
        if (U_FAILURE(status)) { unum_close(format); continue; }
        for (int32_t day = 1; day <= 31; day++) {
            UChar text[64];
            UErrorCode formatStatus = U_ZERO_ERROR;
            int32_t length = unum_format(format, day, text, 64, NULL, &formatStatus);
            if (U_FAILURE(formatStatus) || length >= 64) continue;
            char line[200];
            int32_t prefix = snprintf(line, sizeof line, "%d\t", (int)day);
            int32_t written = 0;
            u_strToUTF8(line + prefix, (int32_t)sizeof line - prefix - 1, &written, text, length, &formatStatus);
            if (U_FAILURE(formatStatus)) continue;
            int32_t total = prefix + written;
            line[total++] = '\n';
            if (used + total <= capacity) memcpy(out + used, line, (size_t)total);
            used += total;
        }
        unum_close(format);
    }
    if (used < capacity) out[used] = 0;
    return used;
}
