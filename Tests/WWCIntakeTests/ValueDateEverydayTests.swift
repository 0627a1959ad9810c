import Testing
import WWCIntake

/// Dates as people of each region write them (issue 14): ordinal days from ICU's ordinal
/// rule-based number format, `del`, the comma left out, ISO date-times, Quebec's day-first form.
@Suite struct ValueDateEverydayTests {
    @Test(arguments: [
        // Ordinal days.
        ("fr-FR", "1er mars 2024", "2024-03-01"),
        ("fr-CA", "1er mars 2024", "2024-03-01"),
        ("fr-HT", "1er mars 2024", "2024-03-01"),
        ("fr-FR", "Vendredi 1er mars 2024", "2024-03-01"),
        ("pt-BR", "1º de março de 2024", "2024-03-01"),
        ("pt-BR", "1° de março de 2024", "2024-03-01"),
        ("pt-PT", "1º de março de 2024", "2024-03-01"),
        ("es-MX", "1.º de marzo de 2024", "2024-03-01"),
        ("es-MX", "1º. de marzo de 2024", "2024-03-01"),
        ("es-CO", "1.º de marzo de 2024", "2024-03-01"),
        ("es-AR", "1.º de marzo de 2024", "2024-03-01"),
        ("es-PE", "1.º de marzo de 2024", "2024-03-01"),
        ("es-CL", "1.º de marzo de 2024", "2024-03-01"),
        ("es-PR", "1.º de marzo de 2024", "2024-03-01"),
        ("en-US", "March 1st, 2024", "2024-03-01"),
        ("en-US", "March 22nd, 2024", "2024-03-22"),
        ("en-US", "March 3rd 2024", "2024-03-03"),
        ("en-CA", "March 1st, 2024", "2024-03-01"),
        ("en-JM", "1st March 2024", "2024-03-01"),
        // "del" before the year.
        ("es-CO", "15 de marzo del 2024", "2024-03-15"),
        ("es-PE", "15 de marzo del 2024", "2024-03-15"),
        ("es-MX", "1.º de marzo del 2024", "2024-03-01"),
        ("es-MX", "15 de marzo del 2024", "2024-03-15"),
        ("es-AR", "15 de marzo del 2024", "2024-03-15"),
        ("es-CL", "15 de marzo del 2024", "2024-03-15"),
        ("es-PR", "15 de marzo del 2024", "2024-03-15"),
        // English month-name dates without the comma.
        ("en-US", "march 15 2024", "2024-03-15"),
        ("en-US", "Mar 15 2024", "2024-03-15"),
        ("en-CA", "March 15 2024", "2024-03-15"),
        // ISO 8601 date-times: the calendar date as written; an offset never moves the day.
        ("es-MX", "2024-03-15T14:02:11Z", "2024-03-15"),
        ("pt-BR", "2024-03-15 10:00", "2024-03-15"),
        ("fr-CA", "2024-03-15T23:30:00-05:00", "2024-03-15"),
        ("en-JM", "2024-03-15T00:30:00.250+14:00", "2024-03-15"),
        ("fr-FR", "2024-03-15T08:00+0100", "2024-03-15"),
        ("es-CO", "2024-03-15T14:02:11Z", "2024-03-15"),
        ("es-AR", "2024-03-15T14:02:11Z", "2024-03-15"),
        ("es-PE", "2024-03-15T14:02:11Z", "2024-03-15"),
        ("es-CL", "2024-03-15T14:02:11Z", "2024-03-15"),
        ("es-PR", "2024-03-15T14:02:11Z", "2024-03-15"),
        ("pt-PT", "2024-03-15T14:02:11Z", "2024-03-15"),
        ("fr-HT", "2024-03-15T14:02:11Z", "2024-03-15"),
        ("en-US", "2024-03-15T14:02:11Z", "2024-03-15"),
        ("en-CA", "2024-03-15T14:02:11Z", "2024-03-15"),
        // Quebec's everyday day-first numeric form, beside CLDR's year-first one.
        ("fr-CA", "15/03/2024", "2024-03-15"),
        ("fr-CA", "2024-03-15", "2024-03-15"),
        ("fr-CA", "01/03/2024", "2024-03-01"),
    ])
    func everydayDates(locale: String, raw: String, expected: String) throws {
        #expect(try ValueParser(locale: locale).date(raw).value == expected)
    }

    @Test(arguments: [
        ("fr-FR", "1st mars 2024"),          // another language's ordinal
        ("en-US", "March 1er, 2024"),
        ("en-US", "March 1stt, 2024"),
        ("pt-BR", "32º de março de 2024"),
        ("es-CO", "15 del marzo de 2024"),   // "del" only before the year
        ("es-MX", "2024-03-15T24:30"),       // no such time
        ("es-MX", "2024-03-15T10"),
        ("es-MX", "2024-03-15T10:00 UTC"),
        ("en-CA", "15/03/2024"),             // English writes both orders: en-CA stays as it is
        ("fr-CA", "03/15/2024"),             // French never puts the month first
        ("fr-FR", "31/02/2024"),
    ])
    func stillRejected(locale: String, raw: String) throws {
        #expect(code { try ValueParser(locale: locale).date(raw) } == .dateInvalid)
    }
}
