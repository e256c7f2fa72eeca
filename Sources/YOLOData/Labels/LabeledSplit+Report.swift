extension LabeledSplit {
    /// The text to print after scanning: the summary line, then errors and notes as `file:line: problem — fix`.
    ///
    /// At most `limit` issues are listed (errors first); the rest are counted, never silently dropped.
    public func report(limit: Int = 30) -> String {
        var lines = [summary.line]
        let ordered = issues.filter { $0.severity == .error } + issues.filter { $0.severity == .note }
        for issue in ordered.prefix(limit) {
            lines.append("  \(issue.severity == .error ? "error" : "note"): \(issue)")
        }
        if ordered.count > limit {
            let errors = ordered.dropFirst(limit).filter { $0.severity == .error }.count
            lines.append("  … and \(ordered.count - limit) more (\(errors) errors, \(ordered.count - limit - errors) notes); see `issues` for all")
        }
        return lines.joined(separator: "\n")
    }
}
