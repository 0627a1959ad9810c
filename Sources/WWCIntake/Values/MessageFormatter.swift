internal import CICU
import Synchronization

/// ICU MessageFormat with named arguments (through ICU's C++ `MessageFormat`), so catalog
/// messages are plural-correct by CLDR rules: `{count, plural, one {# erreur} other {# erreurs}}`
/// gives "0 erreur" and "2 erreurs" in French.
///
/// Thread-safe: each call compiles its pattern (catalogs may cache formatted results).
public enum MessageFormatter {
    /// The `DiagnosticCode` of a pattern syntax error; arguments: `offset` (UTF-16 offset).
    public static let syntaxErrorCode: DiagnosticCode = .messageSyntax

    public static func format(
        _ pattern: String, locale: String, arguments: [String: MessageArgument]
    ) throws(ValueError) -> String {
        // Keep the C strings alive for the call: names and texts as contiguous NUL-terminated arrays.
        let entries = arguments.sorted { $0.key < $1.key }
        let names = entries.map { Array($0.key.utf8CString) }
        let texts = entries.map { entry -> [CChar] in
            if case .text(let text) = entry.value { return Array(text.utf8CString) }
            return [0]
        }
        var offset: Int32 = -1
        let result: Result<String, ICUStatus> = withPointers(names) { namePointers in
            withPointers(texts) { textPointers in
                var args: [wwc_message_arg] = []
                args.reserveCapacity(entries.count)
                for (index, entry) in entries.enumerated() {
                    switch entry.value {
                    case .text:
                        args.append(wwc_message_arg(
                            name: namePointers[index], kind: Int32(WWC_ARG_TEXT), text: textPointers[index], integer: 0))
                    case .number(let number):
                        args.append(wwc_message_arg(
                            name: namePointers[index], kind: Int32(WWC_ARG_INTEGER), text: nil, integer: Int64(number)))
                    }
                }
                return ICUCall.withUTF8(pattern) { pointer, length in
                    ICUCall.string { out, capacity in
                        wwc_message_format(pointer, length, locale, args, Int32(args.count), out, capacity, &offset)
                    }
                }
            }
        }
        switch result {
        case .success(let text): return text
        case .failure(let status) where status == .parse:
            throw ValueError(syntaxErrorCode, arguments: ["offset": .number(Int(offset))])
        case .failure(let status) where status == .locale:
            throw ValueError(.localeInvalid, arguments: ["value": .text(locale)])
        case .failure:
            throw ValueError(syntaxErrorCode, arguments: ["offset": .number(Int(max(offset, 0)))])
        }
    }

    /// Argument names and plural selector keywords of a pattern; a syntax error throws
    /// `message.syntax` with `offset`.
    public static func inspect(_ pattern: String) throws(ValueError) -> MessagePatternInfo {
        // Every rendered diagnostic inspects its catalog pattern (to complete missing
        // arguments) before formatting it: the same few hundred patterns, each compiled by
        // ICU per call. Successful inspections are kept (bounded; errors are not cached).
        if let info = inspected.withLock({ $0[pattern] }) { return info }
        let info = try inspectUncached(pattern)
        inspected.withLock { cache in
            if cache.count >= 4_096 { cache.removeAll(keepingCapacity: true) }
            cache[pattern] = info
        }
        return info
    }

    private static let inspected = Mutex<[String: MessagePatternInfo]>([:])

    private static func inspectUncached(_ pattern: String) throws(ValueError) -> MessagePatternInfo {
        var offset: Int32 = -1
        let result = ICUCall.withUTF8(pattern) { pointer, length in
            ICUCall.string { out, capacity in wwc_message_inspect(pointer, length, out, capacity, &offset) }
        }
        guard case .success(let facts) = result else {
            throw ValueError(syntaxErrorCode, arguments: ["offset": .number(Int(max(offset, 0)))])
        }
        var info = MessagePatternInfo()
        for line in facts.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if fields.first == "A", fields.count == 2 {
                info.argumentNames.insert(fields[1])
            } else if fields.first == "K", fields.count == 3 {
                info.pluralKeywords[fields[1], default: []].append(fields[2])
            }
        }
        return info
    }

    private static func withPointers<R>(_ arrays: [[CChar]], _ body: ([UnsafePointer<CChar>]) -> R) -> R {
        // Flatten into one buffer so every pointer stays valid for the whole call.
        var flat: [CChar] = []
        var starts: [Int] = []
        for array in arrays {
            starts.append(flat.count)
            flat.append(contentsOf: array)
        }
        return flat.withUnsafeBufferPointer { buffer in
            body(starts.map { buffer.baseAddress! + $0 })
        }
    }
}
