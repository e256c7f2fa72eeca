import Foundation

/// Lists a split's image files from its sources (folders, `.txt` lists, single images), as the reference does.
public enum ImageFiles {
    /// The listing: image paths (sorted, unique) and problems met (missing files named in a list).
    public struct Listing: Sendable {
        public var files: [String]
        public var issues: [DataIssue]
    }

    /// Lists every image under the sources; folders are searched recursively.
    public static func list(_ sources: [URL]) -> Listing {
        var files: [String] = []
        var issues: [DataIssue] = []
        let fm = FileManager.default
        for source in sources {
            if DatasetConfig.isDirectory(source) {
                guard let walker = fm.enumerator(at: source, includingPropertiesForKeys: [.isRegularFileKey]) else { continue }
                for case let url as URL in walker where isListedImage(url.path) {
                    files.append(url.standardizedFileURL.path)
                }
            } else if source.pathExtension.lowercased() == "txt" {
                guard let text = try? String(contentsOf: source, encoding: .utf8) else {
                    issues.append(DataIssue(.error, file: source.path, problem: "cannot read the image list",
                                            fix: "check the file's permissions and encoding"))
                    continue
                }
                let parent = source.deletingLastPathComponent()
                for (k, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let entry = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
                    guard !entry.isEmpty, !entry.hasPrefix("#") else { continue }
                    let url = entry.hasPrefix("/") ? URL(fileURLWithPath: entry)
                        : parent.appendingPathComponent(entry.hasPrefix("./") ? String(entry.dropFirst(2)) : entry)
                    let path = url.standardizedFileURL.path
                    guard isListedImage(path) else {
                        issues.append(DataIssue(.error, file: source.path, line: k + 1,
                                                problem: "'\(entry)' is not an image file name",
                                                fix: "list one image path per line (.jpg, .png, .bmp)"))
                        continue
                    }
                    guard fm.fileExists(atPath: path) else {
                        issues.append(DataIssue(.error, file: source.path, line: k + 1,
                                                problem: "image '\(path)' not found",
                                                fix: "fix the path (relative paths resolve against the list's folder) or delete the line"))
                        continue
                    }
                    files.append(path)
                }
            } else if isListedImage(source.path) {
                files.append(source.standardizedFileURL.path)
            } else {
                issues.append(DataIssue(.error, file: source.path, problem: "neither a folder, a .txt list nor an image",
                                        fix: "point the split at a folder of images or a .txt file listing them"))
            }
        }
        return Listing(files: Array(Set(files)).sorted(), issues: issues)
    }

    /// True for names whose extension is one of the reference's image formats.
    static func isListedImage(_ path: String) -> Bool {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return false }
        return ImageFormat.listedExtensions.contains(path[path.index(after: dot)...].lowercased())
    }
}

/// The reference's image → label path rule, with a fallback to labels beside the images.
public enum LabelPath {
    /// The rule in words, printed once per split.
    public static let ruleDescription = "labels are found by replacing the last '/images/' in an image path with '/labels/' and its extension with '.txt'"

    /// `…/images/…/x.jpg` → `…/labels/…/x.txt`; a path without `/images/` keeps its folder (label beside the image).
    public static func forImage(_ imagePath: String) -> String {
        var path = imagePath
        if let range = path.range(of: "/images/", options: .backwards) {
            path.replaceSubrange(range, with: "/labels/")
        }
        return replacingExtension(path)
    }

    /// The label file beside the image (`x.jpg` → `x.txt` in the same folder).
    public static func besideImage(_ imagePath: String) -> String { replacingExtension(imagePath) }

    private static func replacingExtension(_ path: String) -> String {
        if let dot = path.lastIndex(of: "."), !path[dot...].contains("/") {
            return String(path[..<dot]) + ".txt"
        }
        return path + ".txt"
    }
}
