import Foundation

extension DatasetStats {
    /// The report of `yolo data stats`: a per-class table (instances and images per split), then the imbalance
    /// ratio, rare and missing classes, and the box-size mix per split, aligned in columns.
    public func table() -> String {
        var header = ["Class"]
        for s in splits { header += ["\(s.split.rawValue) inst", "\(s.split.rawValue) imgs"] }
        var rows = [header]
        for c in presentClasses {
            var row = [name(c)]
            for s in splits { row += ["\(s.instances[safe: c])", "\(s.imagesWith[safe: c])"] }
            rows.append(row)
        }
        var total = ["all"]
        for s in splits { total += ["\(s.instances.reduce(0, +))", "\(s.images)"] }
        rows.append(total)
        var lines = DatasetStats.aligned(rows)

        lines.append("")
        let absent = names.count - presentClasses.filter { $0 < names.count }.count
        lines.append("classes: \(presentClasses.count) present of \(names.count)\(absent > 0 ? " (\(absent) without any instance)" : "")")
        if let ratio = imbalanceRatio, let r = reference {
            let counts = r.instances.enumerated().filter { $0.element > 0 }
            let most = counts.max { $0.element < $1.element }!, fewest = counts.min { $0.element < $1.element }!
            lines.append(String(format: "imbalance ratio (%@): %.1f — most %@ (%d), fewest %@ (%d)", r.split.rawValue, ratio,
                                name(most.offset), most.element, name(fewest.offset), fewest.element))
        }
        if let dominant = dominantClass, dominant.share >= 0.5, presentClasses.count > 1 {
            lines.append(String(format: "dominant class: %@ holds %.0f%% of the %@ instances", name(dominant.id),
                                100 * dominant.share, reference!.split.rawValue))
        }
        let rare = rareClasses
        if !rare.isEmpty {
            let listed = rare.prefix(20).map { "\(name($0)) (\(reference?.instances[safe: $0] ?? 0))" }.joined(separator: ", ")
            lines.append("rare classes (< \(rareLimit) \(reference?.split.rawValue ?? "") instances): \(rare.count): \(listed)\(rare.count > 20 ? ", …" : "")")
            lines.append("  consider: more labelled images of these classes, or oversampling with `sampler=balanced` in yolo train")
        }
        let missing = classesMissingFromASplit
        if !missing.isEmpty {
            let listed = missing.prefix(20).map { "\(name($0.id)) (not in \($0.missing.map(\.rawValue).joined(separator: "/")))" }
            lines.append("classes missing from a split: \(missing.count): \(listed.joined(separator: ", "))\(missing.count > 20 ? ", …" : "")")
        }
        lines.append("")
        var sizeRows = [["Boxes at imgsz=\(imageSize)", "small <32²", "medium <96²", "large", "backgrounds"]]
        for s in splits {
            let b = s.boxSizes
            func pct(_ n: Int) -> String { b.total > 0 ? String(format: "%d (%.0f%%)", n, 100 * Double(n) / Double(b.total)) : "0" }
            sizeRows.append([s.split.rawValue, pct(b.small), pct(b.medium), pct(b.large), "\(s.backgrounds) of \(s.images)"])
        }
        lines += DatasetStats.aligned(sizeRows)
        return lines.joined(separator: "\n")
    }

    /// Rows as text columns: the first column left-aligned, the others right-aligned, two spaces apart.
    static func aligned(_ rows: [[String]]) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
    }
}
