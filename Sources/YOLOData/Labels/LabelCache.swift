import Foundation

/// The label cache: a scanned split saved next to its labels, valid while no file or setting behind it changes.
///
/// The key hashes every image and label path with its size and modification time, the label folders' listings,
/// and the settings that change the result (class count, single_cls, format version). Train and val use
/// different files (`<labels>.<split>.cache.json`) even when they point at the same folder.
public struct LabelCache: Sendable {
    /// Bump when the stored format or the checks change.
    public static let version = 1

    /// Where the cache lives.
    public let file: URL

    /// The stored form.
    struct Stored: Codable {
        var version: Int
        var key: String
        var split: LabeledSplit
    }

    /// The cache file for a split: beside its first label folder, or inside `directory` when given.
    public init(split: DatasetSplit, imageFiles: [String], directory: URL? = nil) {
        let labelFolder = imageFiles.first.map { (LabelPath.forImage($0) as NSString).deletingLastPathComponent } ?? "."
        let name = ((labelFolder as NSString).lastPathComponent) + ".\(split.rawValue).cache.json"
        if let directory {
            file = directory.appendingPathComponent(name)
        } else {
            file = URL(fileURLWithPath: (labelFolder as NSString).deletingLastPathComponent).appendingPathComponent(name)
        }
    }

    /// The key for these files and settings.
    public static func key(imageFiles: [String], classCount: Int, singleClass: Bool, fullDecode: Bool = true) -> String {
        var hasher = FNV1a()
        hasher.add("v\(version) nc\(classCount) single\(singleClass) full\(fullDecode)")
        var folders = Set<String>()
        for image in imageFiles {
            hasher.add(image); hasher.add(stamp(image))
            let label = LabelPath.forImage(image), beside = LabelPath.besideImage(image)
            hasher.add(stamp(label)); hasher.add(stamp(beside))
            folders.insert((label as NSString).deletingLastPathComponent)
        }
        for folder in folders.sorted() { hasher.add(folder); hasher.add(stamp(folder)) }
        return String(hasher.value, radix: 16) + "-\(imageFiles.count)"
    }

    /// `size:mtime` of a file, or `-` when it does not exist.
    static func stamp(_ path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return "-" }
        return "\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }

    /// Modification time in seconds (0 when missing).
    static func mtime(_ path: String) -> Double {
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        return Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) * 1e-9
    }

    /// The cached split when the cache exists and matches `key`; otherwise nil and the reason.
    func load(key: String) -> (LabeledSplit?, String?) {
        guard let data = FileManager.default.contents(atPath: file.path) else { return (nil, nil) }
        guard let stored = try? JSONDecoder().decode(Stored.self, from: data), stored.version == LabelCache.version else {
            return (nil, "label cache \(file.path) is from another version; rebuilt")
        }
        guard stored.key == key else { return (nil, "label cache \(file.path) is stale (files or settings changed); rebuilt") }
        return (stored.split, nil)
    }

    /// Writes the split; returns a note when the folder is not writable (the run goes on without a cache).
    func save(_ split: LabeledSplit, key: String) -> String? {
        do {
            let data = try JSONEncoder().encode(Stored(version: LabelCache.version, key: key, split: split))
            try data.write(to: file, options: .atomic)
            return nil
        } catch {
            return "cannot write label cache \(file.path) (\(error.localizedDescription)); continuing without a cache — make the folder writable to start faster next time"
        }
    }
}

/// 64-bit FNV-1a, for cache keys (not for security).
struct FNV1a {
    var value: UInt64 = 0xCBF2_9CE4_8422_2325
    mutating func add(_ string: String) {
        for byte in string.utf8 { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        value = (value ^ 0xFF) &* 0x0000_0100_0000_01B3
    }
}
