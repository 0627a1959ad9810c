import Dispatch
import Synchronization
import Testing
@testable import WWCIntake

/// Compiled ICU MessageFormat patterns are cached per thread (in `wwc_message_format`), keyed
/// by locale and pattern: reuse must never change a result, across plural forms and locales.
@Suite struct ValueMessageCacheTests {
    static let errors = "{count, plural, one {# error} other {# errores}} en {file}"
    static let errorsEN = "{count, plural, one {# error} other {# errors}} in {file}"
    static let errorsFR = "{count, plural, one {# erreur} other {# erreurs}} dans {file}"

    /// (pattern, locale, count, expected): CLDR plural rules and number formats per locale.
    static let table: [(String, String, Int, String)] = [
        (errors, "es", 0, "0 errores en a.xml"),
        (errors, "es", 1, "1 error en a.xml"),
        (errors, "es", 2, "2 errores en a.xml"),
        (errors, "es-MX", 12345, "12,345 errores en a.xml"),
        (errors, "es", 12345, "12.345 errores en a.xml"),
        (errorsEN, "en", 0, "0 errors in a.xml"),
        (errorsEN, "en", 1, "1 error in a.xml"),
        (errorsEN, "en", 12345, "12,345 errors in a.xml"),
        (errorsFR, "fr", 0, "0 erreur dans a.xml"),
        (errorsFR, "fr", 1, "1 erreur dans a.xml"),
        (errorsFR, "fr", 2, "2 erreurs dans a.xml"),
        (errorsFR, "fr-CA", 12345, "12\u{A0}345 erreurs dans a.xml"),
        (errorsFR, "fr", 12345, "12\u{202F}345 erreurs dans a.xml"),
    ]

    /// Each row twice in a row and once more after all the others (served from the cache).
    @Test func cachedPatternsGiveTheSameStrings() throws {
        for (pattern, locale, count, expected) in Self.table {
            for _ in 0..<2 {
                let text = try MessageFormatter.format(pattern, locale: locale, arguments: ["count": .number(count), "file": "a.xml"])
                #expect(text == expected, "\(locale) \(count)")
            }
        }
        for (pattern, locale, count, expected) in Self.table.reversed() {
            let text = try MessageFormatter.format(pattern, locale: locale, arguments: ["count": .number(count), "file": "a.xml"])
            #expect(text == expected, "\(locale) \(count)")
        }
    }

    /// One compiled pattern per (locale, pattern) on a thread: the same message again reuses
    /// it, another locale or pattern adds one. A synchronous test runs on one thread.
    @Test func oneCompiledPatternPerLocaleAndPattern() throws {
        MessageFormatter.resetCacheOnThisThread()
        #expect(MessageFormatter.cachedPatternCountOnThisThread == 0)
        let arguments: [String: MessageArgument] = ["count": .number(1), "file": "a.xml"]
        #expect(try MessageFormatter.format(Self.errors, locale: "es", arguments: arguments) == "1 error en a.xml")
        #expect(MessageFormatter.cachedPatternCountOnThisThread == 1)
        #expect(try MessageFormatter.format(Self.errors, locale: "es", arguments: ["count": .number(3), "file": "b"]) == "3 errores en b")
        #expect(MessageFormatter.cachedPatternCountOnThisThread == 1)
        #expect(try MessageFormatter.format(Self.errors, locale: "es-CO", arguments: arguments) == "1 error en a.xml")
        #expect(MessageFormatter.cachedPatternCountOnThisThread == 2)
        #expect(try MessageFormatter.format(Self.errorsFR, locale: "fr", arguments: ["count": .number(0), "file": "a"]) == "0 erreur dans a")
        #expect(MessageFormatter.cachedPatternCountOnThisThread == 3)
        MessageFormatter.resetCacheOnThisThread()
        #expect(MessageFormatter.cachedPatternCountOnThisThread == 0)
        #expect(try MessageFormatter.format(Self.errors, locale: "es", arguments: arguments) == "1 error en a.xml")
    }

    /// Failures are not cached: a syntax error reports its offset every time.
    @Test func syntaxErrorsAreReportedEveryTimeAndNotCached() {
        MessageFormatter.resetCacheOnThisThread()
        for _ in 0..<2 {
            #expect(throws: ValueError(.messageSyntax, arguments: ["offset": .number(25)])) {
                try MessageFormatter.format("Hi {name} {count, plural, one {x} other {y}", locale: "en", arguments: ["name": "x"])
            }
        }
        #expect(MessageFormatter.cachedPatternCountOnThisThread == 0)
    }

    /// A cached pattern is told its arguments anew on each call: an argument that was given
    /// before and is missing now must not leak from the earlier call.
    @Test func argumentsDoNotLeakBetweenCalls() throws {
        let pattern = "{a}-{b}"
        #expect(try MessageFormatter.format(pattern, locale: "en", arguments: ["a": "1", "b": "2"]) == "1-2")
        #expect(try MessageFormatter.format(pattern, locale: "en", arguments: ["a": "3"]) == "3-{b}")
        #expect(try MessageFormatter.format(pattern, locale: "en", arguments: ["b": .number(4), "a": "5"]) == "5-4")
    }

    /// Many threads formatting the same patterns at once (each with its own cache).
    @Test func concurrentFormattingIsCorrect() {
        let failures = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for round in 0..<50 {
                let (pattern, locale, count, expected) = Self.table[(worker + round) % Self.table.count]
                let text = try? MessageFormatter.format(pattern, locale: locale, arguments: ["count": .number(count), "file": "a.xml"])
                if text != expected { failures.withLock { $0 += 1 } }
            }
        }
        #expect(failures.withLock { $0 } == 0)
    }
}
