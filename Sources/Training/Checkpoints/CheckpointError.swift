import Foundation

/// A checkpoint that cannot become a model (or be written): the text names the file, what was found and the fix.
public struct CheckpointError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// The `.pt` file involved.
    public let file: String
    /// What is wrong and what to do about it.
    public let problem: String

    public init(file: String, problem: String) {
        self.file = file
        self.problem = problem
    }

    public var description: String { "\(file): \(problem)" }
    public var errorDescription: String? { description }
}
