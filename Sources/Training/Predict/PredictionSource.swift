import Foundation
import YOLOData

/// The image files a `source=` names: one image, a folder (its images, sorted), a glob (`images/*.jpg`) or a `.txt`
/// file listing one image path per line (relative lines resolve against the list's folder).
public enum PredictionSource {
    /// The extensions predict reads (the image decoders').
    public static let imageExtensions = ImageFormat.decodableExtensions

    /// The image files of `source`, resolved against `currentDirectory`; throws a `TrainingError` that names the
    /// source when it does not exist or holds no images.
    public static func files(_ source: String, currentDirectory: URL) throws -> [URL] {
        let fm = FileManager.default
        if source.hasPrefix("http://") || source.hasPrefix("https://") || source.hasPrefix("rtsp://") {
            throw TrainingError("source=\(source): URLs and streams are not supported (nothing is downloaded); "
                + "give an image, a folder, a glob or a .txt list of image paths")
        }
        if source.contains(where: { "*?[".contains($0) }) {
            let matches = glob(source, currentDirectory: currentDirectory).filter(isImage)
            guard !matches.isEmpty else {
                throw TrainingError("source=\(source): the pattern matches no images (\(extensionsText))")
            }
            return matches
        }
        let url = resolved(source, against: currentDirectory)
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw TrainingError("source=\(source): no such file or folder (looked at \(url.path)); give an image, "
                + "a folder of images, a glob such as 'images/*.jpg' or a .txt list of image paths")
        }
        if isFolder.boolValue {
            let names = (try? fm.contentsOfDirectory(atPath: url.path)) ?? []
            let images = names.sorted().map { url.appendingPathComponent($0) }.filter(isImage)
            guard !images.isEmpty else {
                throw TrainingError("source=\(source): the folder holds no images (\(extensionsText))")
            }
            return images
        }
        if url.pathExtension.lowercased() == "txt" {
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw TrainingError("source=\(source): cannot read the list as UTF-8 text")
            }
            let base = url.deletingLastPathComponent()
            let listed = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
                .map { resolved($0, against: base) }
            guard !listed.isEmpty else { throw TrainingError("source=\(source): the list names no images") }
            return listed
        }
        guard isImage(url) else {
            throw TrainingError("source=\(source): not an image file (\(extensionsText)); videos are not supported")
        }
        return [url]
    }

    /// `path` as an absolute file URL, relative paths taken inside `folder`.
    public static func resolved(_ path: String, against folder: URL) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path).standardizedFileURL
            : folder.appendingPathComponent(path).standardizedFileURL
    }

    /// Whether `url` has an image extension.
    static func isImage(_ url: URL) -> Bool { imageExtensions.contains(url.pathExtension.lowercased()) }

    static var extensionsText: String { "readable formats: " + imageExtensions.sorted().joined(separator: ", ") }

    /// Files matching a shell pattern (`*`, `?`, `[...]` in the last path component or folders), sorted.
    static func glob(_ pattern: String, currentDirectory: URL) -> [URL] {
        let absolute = pattern.hasPrefix("/") ? pattern : currentDirectory.path + "/" + pattern
        var result = glob_t()
        defer { globfree(&result) }
        guard Foundation.glob(absolute, 0, nil, &result) == 0 else { return [] }
        var urls: [URL] = []
        for i in 0..<Int(result.gl_pathc) {
            if let p = result.gl_pathv[i] { urls.append(URL(fileURLWithPath: String(cString: p)).standardizedFileURL) }
        }
        return urls.sorted { $0.path < $1.path }
    }
}
