import Foundation

/// The text of a command-line usage error (`option.invalid` …), from the catalogs in the
/// language the command line asks for, for the programs' option checks.
///
/// Option checks run while the arguments are still being parsed, before a command has loaded
/// its catalogs or knows its `--lang`; so the language and the catalogs folder are read from
/// the raw arguments (`--lang fr`, `--lang=fr`, `--catalogs DIR`). Without usable catalogs the
/// code and its arguments are the message: there is nothing else to say it with.
package enum UsageMessage {
    package static func text(
        _ code: DiagnosticCode, _ arguments: [String: MessageArgument],
        commandLine: [String] = CommandLine.arguments
    ) -> String {
        let language = value(of: "--lang", in: commandLine).map { String($0.prefix(2)).lowercased() } ?? "en"
        let directory = CatalogSet.locateDirectory(explicit: value(of: "--catalogs", in: commandLine))
        guard let directory, let catalogs = CatalogSet.load(directory: directory).catalogs else {
            let shown = arguments.keys.sorted().map { "\($0)=\(arguments[$0]!.description)" }.joined(separator: ", ")
            return "\(code.rawValue): \(shown)"
        }
        let chosen = catalogs.languages.contains(language) ? language : CatalogSet.referenceLanguage
        return catalogs.render(key: code.rawValue, arguments: arguments, language: chosen) + " [\(code.rawValue)]"
    }

    /// The value given to `option` on the command line (`--lang fr` or `--lang=fr`), if any.
    static func value(of option: String, in commandLine: [String]) -> String? {
        for (index, argument) in commandLine.enumerated() {
            if argument == option, index + 1 < commandLine.count { return commandLine[index + 1] }
            if argument.hasPrefix(option + "=") { return String(argument.dropFirst(option.count + 1)) }
        }
        return nil
    }
}
