import Foundation
import YOLOData

/// Writes an assignment to disk: the reference's `autosplit_*.txt` lists, or an `images/{train,val,test}` layout.
enum SplitLayout {
    /// `autosplit_<split>.txt` in the folder's parent, one `./<relative path>` per line; old lists are removed and
    /// lists of empty splits are not written (as the reference).
    static func writeLists(_ assignments: [(image: String, split: Int)], folder: URL) throws -> [URL] {
        let parent = folder.deletingLastPathComponent()
        var written: [URL] = []
        for (s, name) in AutosplitResult.splitNames.enumerated() {
            let file = parent.appendingPathComponent("autosplit_\(name).txt")
            try? FileManager.default.removeItem(at: file)
            let lines = assignments.filter { $0.split == s }.map { "./" + relative($0.image, to: parent) + "\n" }
            guard !lines.isEmpty else { continue }
            do { try lines.joined().write(to: file, atomically: true, encoding: .utf8) } catch {
                throw SplitError("cannot write \(file.path): \(error.localizedDescription); check that the folder is writable")
            }
            written.append(file)
        }
        return written
    }

    /// Moves each image to `<folder>/<split>/<relative path>` and its label to the label path of the new location
    /// (`…/labels/<split>/…` when the folder is `…/images`); returns the split folders that received images.
    static func move(_ assignments: [(image: String, split: Int)], from folder: URL) throws -> [URL] {
        let fm = FileManager.default
        var folders = Set<URL>()
        for (image, s) in assignments {
            let splitFolder = folder.appendingPathComponent(AutosplitResult.splitNames[s])
            let target = splitFolder.appendingPathComponent(relative(image, to: folder))
            let label = LabelPath.forImage(image)
            let labelTarget = LabelPath.forImage(target.path)
            do {
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try fm.moveItem(atPath: image, toPath: target.path)
                if fm.fileExists(atPath: label) {
                    try fm.createDirectory(at: URL(fileURLWithPath: labelTarget).deletingLastPathComponent(),
                                           withIntermediateDirectories: true)
                    try fm.moveItem(atPath: label, toPath: labelTarget)
                }
            } catch {
                throw SplitError("cannot move \(image) to \(target.path): \(error.localizedDescription); the images moved so far stay in \(folder.path)/{train,val,test}")
            }
            folders.insert(splitFolder)
        }
        return folders.sorted { $0.path < $1.path }
    }

    /// `path` relative to `base` (which must contain it).
    static func relative(_ path: String, to base: URL) -> String {
        let prefix = base.standardizedFileURL.path.hasSuffix("/") ? base.standardizedFileURL.path : base.standardizedFileURL.path + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : URL(fileURLWithPath: path).lastPathComponent
    }
}
