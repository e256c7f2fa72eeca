import Foundation

/// What can go wrong when rendering or saving a picture; each message names the file and the fix.
public enum RenderingError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// The font file does not exist.
    case fontMissing(path: String)
    /// FreeType could not open the font file (FreeType error code).
    case fontUnreadable(path: String, code: Int32)
    /// PNG or JPEG encoding failed.
    case encodingFailed(format: String, reason: String)
    /// Writing the picture to disk failed.
    case writeFailed(path: String, reason: String)
    /// The file extension names no format we write.
    case unsupportedFormat(path: String)

    public var description: String {
        switch self {
        case .fontMissing(let path):
            return "font file not found: \(path). Install DejaVu Sans with `sudo apt-get install fonts-dejavu-core` "
                + "(or run scripts/setup), or point YOLO_FONT at a .ttf file."
        case .fontUnreadable(let path, let code):
            return "FreeType could not read the font \(path) (error \(code)). Point YOLO_FONT at a valid .ttf file "
                + "or reinstall it with `sudo apt-get install --reinstall fonts-dejavu-core`."
        case .encodingFailed(let format, let reason):
            return "\(format) encoding failed: \(reason)."
        case .writeFailed(let path, let reason):
            return "could not write \(path): \(reason). Check that the folder exists and is writable."
        case .unsupportedFormat(let path):
            return "cannot write \(path): the extension names no supported format; use .png, .jpg or .jpeg."
        }
    }

    public var errorDescription: String? { description }
}
