import Foundation

/// Why a plot could not be drawn from its input; the message names the file and what to do.
public enum PlotError: Error, Equatable, CustomStringConvertible, LocalizedError {
    case unreadable(path: String, reason: String)
    case malformed(path: String, line: Int, reason: String)
    case empty(path: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason). Check the path (a run folder holds results.csv)."
        case .malformed(let path, let line, let reason):
            return "\(path):\(line): \(reason). Each row needs one number per header column."
        case .empty(let path):
            return "\(path) has no data rows yet: plot it after the first epoch."
        }
    }

    public var errorDescription: String? { description }
}
