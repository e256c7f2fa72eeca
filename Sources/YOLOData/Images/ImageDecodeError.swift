/// An image that cannot be read: names the file, what is wrong, and what to do.
public struct ImageDecodeError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let problem: String
    public let fix: String

    public init(file: String, problem: String, fix: String = "re-export the image as JPEG or PNG, or remove it") {
        self.file = file
        self.problem = problem
        self.fix = fix
    }

    public var description: String { "\(file): \(problem) — \(fix)" }

    /// The same error for another file name.
    func named(_ file: String) -> ImageDecodeError { ImageDecodeError(file: file, problem: problem, fix: fix) }
}
