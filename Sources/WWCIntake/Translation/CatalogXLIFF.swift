import Foundation

/// XLIFF 2.1 (or 2.0) exchange of one locale's catalog with translation tools (`intake catalog export`
/// / `import`). Source language is always `en`, the reference catalog.
///
/// One `<unit>` per catalog entry. Its `id` is the entry key made an NMTOKEN (`*`, `[`, `]`
/// → `_x2A_`, `_x5B_`, `_x5D_`) and its `name` the key as is. Lists (labels, answers) are one
/// segment with one item per line, official first; country synonyms are one unit `countries`
/// with `SPELLING = CODE` lines. Notes give the context a translator needs: the field id and
/// type, the arguments a message must keep, the plural categories of the target locale.
///
/// Export then import of an unchanged file writes the catalog back byte for byte.
package enum CatalogXLIFF {
    static let namespace = "urn:oasis:names:tc:xliff:document:2.0"
    static let countriesUnit = "countries"

    /// The XLIFF document for `locale` (a base such as `es` or an overlay such as `es-MX`;
    /// a locale without a catalog yet gives a file with no targets). Nil when the locale is
    /// the reference or an overlay whose language has no base catalog.
    /// The XLIFF versions written: 2.1 by default, 2.0 for tools that read only that (such as
    /// translate-toolkit's command-line tools). Our files use nothing 2.1 added.
    package static let versions = ["2.1", "2.0"]

    /// How an overlay's units are marked: its own entries are `translated`; entries it inherits
    /// from the base are `initial` with `subState="wwc:inherited"` and a note (the target is
    /// the base's wording, to change only where the region says it differently), or left out.
    package enum Inherited: Sendable {
        case marked
        case omitted
    }

    static let inheritedSubState = "wwc:inherited"

    package static func export(
        _ set: CatalogSet, locale requested: String, version: String = "2.1", inherited: Inherited = .marked
    ) -> String? {
        let (language, region) = CatalogSet.split(requested)
        let locale = region.map { language + "-" + $0 } ?? language
        guard locale != CatalogSet.referenceLanguage, let reference = set.file(for: CatalogSet.referenceLanguage) else {
            return nil
        }
        if region != nil, set.file(for: language) == nil { return nil }
        let target = targetValues(set, locale: locale)
        let overlay = region != nil ? set.file(for: locale) : nil
        let overridden = Set(overlay?.entries.map(\.key) ?? [])
        let writer = XMLTextWriter()
        writer.start("xliff")
        writer.attribute("xmlns", namespace)
        writer.attribute("version", versions.contains(version) ? version : "2.1")
        writer.attribute("srcLang", CatalogSet.referenceLanguage)
        writer.attribute("trgLang", locale)
        writer.start("file")
        writer.attribute("id", "f-" + locale)
        writer.attribute("original", locale + ".json")
        for entry in reference.entries where entry.section != "countries" {
            let isInherited = region != nil && !overridden.contains(entry.key) && target.entries[entry.key] != nil
            if isInherited && inherited == .omitted { continue }
            var notes = notes(for: entry, set: set, locale: locale)
            if isInherited {
                notes.append("Inherited from \(language): change it only where \(locale) says it differently.")
            }
            unit(writer, id: entry.key, notes: notes,
                 source: entry.value.strings.joined(separator: "\n"),
                 target: target.entries[entry.key].map { $0.strings.joined(separator: "\n") }, inherited: isInherited)
        }
        let sourceCountries = reference.entries.filter { $0.section == "countries" }.map { "\($0.name) = \($0.value.strings[0])" }
        unit(writer, id: countriesUnit,
             notes: ["Country spellings that ICU does not know in this language, one per line as SPELLING = CODE (ISO 3166-1 alpha-2). Lines may be added or removed; the English ones are examples."],
             source: sourceCountries.joined(separator: "\n"),
             target: target.countries.isEmpty ? nil : target.countries.map { "\($0.0) = \($0.1)" }.joined(separator: "\n"))
        writer.end()
        writer.end()
        return writer.finish()
    }

    /// What a locale's catalog says, overlay merged over base; countries in merge order
    /// (base spellings the overlay does not override, then the overlay's own).
    static func targetValues(_ set: CatalogSet, locale: String) -> (entries: [String: CatalogEntry.Value], countries: [(String, String)]) {
        let language = String(locale.prefix { $0 != "-" })
        var entries: [String: CatalogEntry.Value] = [:]
        var countries: [(String, String)] = []
        let base = set.files.first { !$0.isOverlay && $0.locale == language }
        let overlay = locale.contains("-") ? set.file(for: locale) : nil
        let overridden = Set(overlay?.entries.filter { $0.section == "countries" }.map(\.name) ?? [])
        for file in [base, overlay].compactMap({ $0 }) {
            for entry in file.entries {
                if entry.section == "countries" {
                    if file.isOverlay || !overridden.contains(entry.name) {
                        countries.append((entry.name, entry.value.strings.first ?? ""))
                    }
                } else {
                    entries[entry.key] = entry.value
                }
            }
        }
        return (entries, countries)
    }

    static func unit(
        _ writer: XMLTextWriter, id: String, notes: [String], source: String, target: String?, inherited: Bool = false
    ) {
        writer.start("unit")
        writer.attribute("id", unitID(id))
        writer.attribute("name", id)
        writer.start("notes")
        for note in notes {
            writer.start("note")
            writer.attribute("category", "context")
            writer.text(note)
            writer.end()
        }
        writer.end()
        writer.start("segment")
        writer.attribute("state", target == nil || inherited ? "initial" : "translated")
        if inherited { writer.attribute("subState", inheritedSubState) }
        writer.start("source")
        writer.attribute("xml:space", "preserve")
        writer.text(source)
        writer.end()
        if let target {
            writer.start("target")
            writer.attribute("xml:space", "preserve")
            writer.text(target)
            writer.end()
        }
        writer.end()
        writer.end()
    }

    /// The entry key as an XML NMTOKEN (XLIFF unit ids must be one).
    static func unitID(_ key: String) -> String {
        var out = ""
        for scalar in key.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", ".", "-", "_", ":": out.unicodeScalars.append(scalar)
            default: out += "_x" + String(scalar.value, radix: 16, uppercase: true) + "_"
            }
        }
        return out
    }

    static func notes(for entry: CatalogEntry, set: CatalogSet, locale: String) -> [String] {
        let definition = set.definition
        let name = entry.name
        switch entry.section {
        case "labels":
            if let field = definition.field(name) {
                return ["Labels of field \(name) (type \(field.type)\(field.required ? ", required" : "")). One per line: the official label first, then aliases people write."]
            }
            return ["Labels of section \(name). One per line: the official label first, then aliases people write."]
        case "criteria":
            let criterion = definition.criterion(name)
            return ["Title of criterion \(name)" + (criterion.map { " (practice area \($0.area)\($0.core ? ", core" : ""))" } ?? "") + "."]
        case "areas":
            return ["Name of practice area \(name)."]
        case "answers":
            return ["Answers meaning \(name.replacingOccurrences(of: ".", with: " = ")). One per line, the official answer first."]
        default:
            var notes = ["Message \(name), ICU MessageFormat."]
            if case .text(let pattern) = entry.value, let info = try? MessageFormatter.inspect(pattern) {
                if !info.argumentNames.isEmpty {
                    notes.append("Keep these arguments: " + info.argumentNames.sorted().map { "{\($0)}" }.joined(separator: " ") + ".")
                }
                if !info.pluralKeywords.isEmpty {
                    notes.append("Plural categories for \(locale): " + PluralRules.categories(locale: locale).joined(separator: ", ") + ".")
                }
            }
            return notes
        }
    }
}
