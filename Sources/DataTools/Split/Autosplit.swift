import Foundation
import YOLOData

/// What `autosplit` did: every image's split, the counts, and the files it wrote or moved.
public struct AutosplitResult: Sendable {
    /// Split names in index order.
    public static let splitNames = ["train", "val", "test"]
    /// Absolute image paths (before any move) and their split index (0 train, 1 val, 2 test).
    public var assignments: [(image: String, split: Int)]
    /// Images per split.
    public var counts: [Int]
    /// The `autosplit_*.txt` lists written, or the new image folders with `move`.
    public var written: [URL]
    /// Groups formed by the `group` pattern (1 image each without it).
    public var groupCount: Int
}

/// A split request that cannot be carried out (bad folder, weights or pattern): says what to change.
public struct SplitError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Splits the images under `path` into train/val/test like the reference's `autosplit`: `autosplit_train.txt`,
/// `autosplit_val.txt`, `autosplit_test.txt` beside the folder, each line `./<folder>/<image>` relative to the
/// folder's parent. Seeded; stratified by the classes in the labels; `group` (a regex on the file name; its first
/// capture group, or the whole match, is the group key) keeps matching images in one split; `move` lays out
/// `images/{train,val,test}` and the labels beside them instead of writing lists.
@discardableResult
public func autosplit(path: URL, weights: [Double] = [0.9, 0.1, 0.0], seed: Int = 0, stratify: Bool = true,
                      group: String? = nil, annotatedOnly: Bool = false, move: Bool = false) throws -> AutosplitResult {
    let folder = path.standardizedFileURL
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
        throw SplitError("path=\(path.path): not a folder; give the folder that holds the images (e.g. path=my_dataset/images)")
    }
    guard (2...3).contains(weights.count), weights.allSatisfy({ $0 >= 0 }), weights.reduce(0, +) > 0 else {
        throw SplitError("weights=\(weights): give 2 or 3 non-negative fractions for train, val[, test], e.g. weights=0.8,0.2,0.0")
    }
    let weights = weights + [Double](repeating: 0, count: 3 - weights.count)
    var images = ImageFiles.list([folder]).files
    if annotatedOnly { images = images.filter { FileManager.default.fileExists(atPath: LabelPath.forImage($0)) } }
    guard !images.isEmpty else {
        throw SplitError("path=\(path.path): no images found\(annotatedOnly ? " with label files (annotated_only=True)" : ""); put .jpg/.png files there or point path= at the images folder")
    }
    let units = try SplitUnits.make(images: images, group: group)
    let splitOfUnit = StratifiedAssignment(weights: weights, seed: seed, stratify: stratify).assign(units)
    var split = [Int](repeating: 0, count: images.count)
    for (u, unit) in units.enumerated() { for m in unit.members { split[m] = splitOfUnit[u] } }
    let assignments = images.indices.map { (image: images[$0], split: split[$0]) }
    var counts = [0, 0, 0]
    for s in split { counts[s] += 1 }
    let written = move ? try SplitLayout.move(assignments, from: folder)
                       : try SplitLayout.writeLists(assignments, folder: folder)
    return AutosplitResult(assignments: assignments, counts: counts, written: written, groupCount: units.count)
}
