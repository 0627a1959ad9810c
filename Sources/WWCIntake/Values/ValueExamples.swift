/// Example values that messages offer ("expected an address such as data@city.gov"), chosen by
/// the form's region so that a Colombian form is shown a Colombian phone number and a `.gov.co`
/// address, not another country's.
///
/// Why data and not code (`locales/examples.json`): which domain a city government uses and how
/// a local number is written are facts intake staff and translators know, and a region is added
/// by adding a line. Numbers and dates need no entry: ICU formats their examples in the form's
/// locale.
public struct ValueExamples: Sendable, Hashable {
    /// The kinds of value that have an example here.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case email, url, phone
    }

    /// Examples by tag: a locale (`fr-CA`), a region (`CA`) or a language (`fr`).
    public var values: [String: [Kind: String]]

    public init(values: [String: [Kind: String]] = [:]) {
        self.values = values
    }

    /// The example of `kind` for a form in `locale`: the locale's own entry first (`fr-CA`),
    /// then its region's (`CA`), then its language's (`fr`), then English's.
    public func example(_ kind: Kind, locale: String) -> String? {
        let subtags = locale.split(separator: "-").map(String.init)
        let language = subtags.first ?? locale
        let region = subtags.dropFirst().first { $0.count == 2 || $0.count == 3 && $0.allSatisfy(\.isNumber) }
        let order = [region.map { "\(language)-\($0)" }, region, language, "en"].compactMap { $0 }
        for tag in order {
            if let example = values[tag]?[kind] { return example }
        }
        return nil
    }
}
