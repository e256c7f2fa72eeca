/// Where a run sits on the tutorial's training spectrum.
public enum Verdict: String, Sendable, CaseIterable {
    case overfitting, underfitting
    case classImbalance = "class imbalance"
    case leakage, healthy

    /// The label printed with the verdict.
    public var title: String {
        switch self {
        case .overfitting: return "OVERFITTING"
        case .underfitting: return "UNDERFITTING"
        case .classImbalance: return "CLASS IMBALANCE"
        case .leakage: return "LEAKAGE"
        case .healthy: return "HEALTHY"
        }
    }
}

/// One verdict with the numbers behind it and what to change (with concrete keys).
public struct Finding: Sendable {
    public var verdict: Verdict
    public var evidence: [String]
    public var actions: [String]

    public init(_ verdict: Verdict, evidence: [String], actions: [String]) {
        self.verdict = verdict
        self.evidence = evidence
        self.actions = actions
    }
}

/// The findings for a run; several can hold at once (e.g. overfitting and class imbalance).
public struct Diagnosis: Sendable {
    public var findings: [Finding]
    /// What was read and what was not (missing per-class metrics, unreadable dataset).
    public var notes: [String]

    public var verdicts: [Verdict] { findings.map(\.verdict) }

    /// The report: notes, then each verdict with its evidence and actions.
    public var report: String {
        var lines = notes.map { "note: \($0)" }
        lines.append("verdict: " + verdicts.map(\.title).joined(separator: " + "))
        for f in findings {
            lines.append("")
            lines.append("\(f.verdict.title)")
            lines += f.evidence.map { "  evidence: \($0)" }
            lines += f.actions.map { "  action:   \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
