/// Geometry of the score chart: one horizontal bar per practice area, met criteria over the
/// area's total, drawn as SVG by the detail template. Computed here so the template only
/// places numbers; the chart needs no script and prints as it shows.
struct ScoreBars {
    struct Bar {
        var code: String
        /// The label beside the bar, cut to fit; `fullName` is in the bar's tooltip.
        var name: String
        var fullName: String
        var met: Int
        var total: Int
        var y: Int
        var textY: Int
        var fillWidth: Int
    }

    let width = 420
    let trackX = 190
    let trackWidth = 180
    let barHeight = 14
    let rowHeight = 24
    var countX: Int { trackX + trackWidth + 8 }
    var bars: [Bar]
    var height: Int { max(rowHeight, bars.count * rowHeight) }

    init(areas: [(code: String, name: String, met: Int, total: Int)]) {
        var bars: [Bar] = []
        for (index, area) in areas.enumerated() {
            let y = index * rowHeight + (rowHeight - barHeight) / 2
            let fraction = area.total > 0 ? Double(min(area.met, area.total)) / Double(area.total) : 0
            bars.append(Bar(code: area.code, name: Self.shortened(area.name, to: 28), fullName: area.name, met: area.met, total: area.total,
                            y: y, textY: y + barHeight - 3, fillWidth: Int((fraction * Double(trackWidth)).rounded())))
        }
        self.bars = bars
    }

    /// Area names longer than the label column are cut with `…` (the full name is in the bar's title).
    static func shortened(_ name: String, to limit: Int) -> String {
        name.count <= limit ? name : String(name.prefix(limit - 1)) + "…"
    }
}
