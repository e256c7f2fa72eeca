import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A TensorBoard event file writer, like PyTorch's `SummaryWriter`: `events.out.tfevents.<time>.<host>.<pid>.0` in the
/// log folder, starting with the `brain.Event:2` version record; events are buffered and appended on `flush()`.
public final class SummaryWriter {
    /// The event file.
    public let fileURL: URL
    private let handle: FileHandle
    private var pending: [UInt8] = []

    /// Creates the folder and the event file, and buffers the file-version event.
    public init(logDirectory: URL, now: Date = Date()) throws {
        try FileManager.default.createDirectory(at: logDirectory, withIntermediateDirectories: true)
        let name = String(format: "events.out.tfevents.%010d.%@.%d.0", Int(now.timeIntervalSince1970),
                          Self.hostname(), Int(getpid()))
        fileURL = logDirectory.appendingPathComponent(name)
        guard FileManager.default.createFile(atPath: fileURL.path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: fileURL.path])
        }
        handle = try FileHandle(forWritingTo: fileURL)
        add(TensorBoardEvent(wallTime: now.timeIntervalSince1970, step: 0, payload: .fileVersion("brain.Event:2")))
    }

    deinit { try? handle.close() }

    /// Buffers one event.
    public func add(_ event: TensorBoardEvent) {
        pending += TFRecord.framed(event.encoded)
    }

    /// Buffers scalars as one event per tag (as `add_scalar` does), all at `step`.
    public func addScalars(_ scalars: [(tag: String, value: Double)], step: Int, wallTime: Date = Date()) {
        for (tag, value) in scalars {
            add(TensorBoardEvent(wallTime: wallTime.timeIntervalSince1970, step: Int64(step),
                                 payload: .summary([SummaryValue(tag: tag, kind: .scalar(Float(value)))])))
        }
    }

    /// Buffers an image summary of a PNG or JPEG file's bytes under `tag`.
    public func addImage(tag: String, file: EncodedImage, step: Int, wallTime: Date = Date()) {
        let value = SummaryValue(tag: tag, kind: .image(height: Int32(file.height), width: Int32(file.width),
                                                        colorspace: Int32(file.channels), encoded: file.bytes))
        add(TensorBoardEvent(wallTime: wallTime.timeIntervalSince1970, step: Int64(step), payload: .summary([value])))
    }

    /// Appends the buffered events to the file.
    public func flush() throws {
        guard !pending.isEmpty else { return }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(pending))
        pending.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes the file.
    public func close() throws {
        try flush()
        try handle.close()
    }

    /// This machine's name (as Python's `socket.gethostname()`).
    static func hostname() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(cString: buffer)
        return name.isEmpty ? "localhost" : name
    }
}
