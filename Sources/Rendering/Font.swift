import CFreeType
import Foundation

/// A TrueType face loaded once through FreeType, rendering anti-aliased glyphs; safe to share between threads.
public final class Font: @unchecked Sendable {
    /// DejaVu Sans where Debian's fonts-dejavu-core puts it.
    public static let defaultPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

    /// The font file this face came from.
    public let path: String

    // FreeType handles are not thread-safe: `lock` guards them and the glyph cache (the reason for @unchecked).
    private let lock = NSLock()
    private var library: FT_Library?
    private var face: FT_Face?
    private var glyphs: [GlyphKey: Glyph] = [:]
    private var currentSize: Int = -1

    private static let cacheLock = NSLock()
    nonisolated(unsafe) private static var cache: [String: Font] = [:]

    /// The standard font: `YOLO_FONT` when set, else DejaVu Sans; loaded once per path.
    public static func standard() throws -> Font {
        let override = ProcessInfo.processInfo.environment["YOLO_FONT"].flatMap { $0.isEmpty ? nil : $0 }
        return try load(path: override ?? defaultPath)
    }

    /// The face in the font file at `path`, loaded on first use and cached.
    public static func load(path: String) throws -> Font {
        cacheLock.lock()
        defer { cacheLock.unlock() }
        if let font = cache[path] { return font }
        let font = try Font(path: path)
        cache[path] = font
        return font
    }

    private init(path: String) throws {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else { throw RenderingError.fontMissing(path: path) }
        var lib: FT_Library?
        let status = FT_Init_FreeType(&lib)
        guard status == 0, let lib else { throw RenderingError.fontUnreadable(path: path, code: status) }
        var handle: FT_Face?
        let opened = FT_New_Face(lib, path, 0, &handle)
        guard opened == 0, let handle else {
            FT_Done_FreeType(lib)
            throw RenderingError.fontUnreadable(path: path, code: opened)
        }
        library = lib
        face = handle
    }

    deinit {
        if let face { FT_Done_Face(face) }
        if let library { FT_Done_FreeType(library) }
    }

    /// Line metrics at `size` pixels: ascent above the baseline, descent below it (both positive).
    public func lineMetrics(size: Double) -> (ascent: Int, descent: Int) {
        lock.lock()
        defer { lock.unlock() }
        setSize(size)
        let metrics = face!.pointee.size.pointee.metrics
        return (Int((Double(metrics.ascender) / 64).rounded(.up)), Int((Double(-metrics.descender) / 64).rounded(.up)))
    }

    /// The glyphs of `text` at `size` pixels, with their pen positions along the baseline.
    func layout(_ text: String, size: Double) -> [(glyph: Glyph, penX: Int)] {
        lock.lock()
        defer { lock.unlock() }
        let key = Self.sizeKey(size)
        var pen = 0
        var out: [(Glyph, Int)] = []
        for scalar in text.unicodeScalars {
            let glyph = glyphLocked(scalar, sizeKey: key)
            out.append((glyph, pen))
            pen += glyph.advance
        }
        return out
    }

    private static func sizeKey(_ size: Double) -> Int { max(Int((size * 64).rounded()), 64) }

    private func setSize(_ size: Double) {
        let key = Self.sizeKey(size)
        if key != currentSize {
            FT_Set_Char_Size(face, 0, FT_F26Dot6(key), 72, 72)
            currentSize = key
        }
    }

    private func glyphLocked(_ scalar: Unicode.Scalar, sizeKey: Int) -> Glyph {
        let key = GlyphKey(scalar: scalar.value, size: sizeKey)
        if let glyph = glyphs[key] { return glyph }
        if sizeKey != currentSize {
            FT_Set_Char_Size(face, 0, FT_F26Dot6(sizeKey), 72, 72)
            currentSize = sizeKey
        }
        let loadRender: Int32 = 1 << 2, targetLight: Int32 = 1 << 16  // FT_LOAD_RENDER | FT_LOAD_TARGET_LIGHT
        var glyph = Glyph(width: 0, rows: 0, left: 0, top: 0, advance: sizeKey / 128, coverage: [])
        if FT_Load_Char(face, FT_ULong(scalar.value), loadRender | targetLight) == 0, let slot = face!.pointee.glyph {
            let bitmap = slot.pointee.bitmap
            let width = Int(bitmap.width), rows = Int(bitmap.rows), pitch = Int(bitmap.pitch)
            var coverage = [UInt8](repeating: 0, count: width * rows)
            if let buffer = bitmap.buffer, width > 0, rows > 0 {
                for y in 0..<rows {
                    let row = pitch >= 0 ? buffer + y * pitch : buffer + (rows - 1 - y) * -pitch
                    for x in 0..<width { coverage[y * width + x] = row[x] }
                }
            }
            glyph = Glyph(width: width, rows: rows, left: Int(slot.pointee.bitmap_left), top: Int(slot.pointee.bitmap_top),
                          advance: Int((Double(slot.pointee.advance.x) / 64).rounded()), coverage: coverage)
        }
        glyphs[key] = glyph
        return glyph
    }
}

/// A glyph cache key: Unicode scalar and size in 1/64 pixel.
struct GlyphKey: Hashable {
    let scalar: UInt32
    let size: Int
}

/// One rendered glyph: an 8-bit coverage bitmap placed `left` right of the pen and `top` above the baseline.
struct Glyph {
    let width: Int
    let rows: Int
    let left: Int
    let top: Int
    let advance: Int
    let coverage: [UInt8]
}
