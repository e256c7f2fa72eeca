/// One record of a TensorBoard event file: tensorflow's `Event` message with the `Summary` kinds this project writes.
public struct TensorBoardEvent: Equatable {
    /// What an event carries.
    public enum Payload: Equatable {
        /// `file_version` (the first event of every file: "brain.Event:2").
        case fileVersion(String)
        /// A `Summary` with its values.
        case summary([SummaryValue])
    }

    /// Seconds since 1970.
    public var wallTime: Double
    /// The global step (the x axis in TensorBoard).
    public var step: Int64
    public var payload: Payload

    public init(wallTime: Double, step: Int64, payload: Payload) {
        self.wallTime = wallTime
        self.step = step
        self.payload = payload
    }

    /// The protobuf encoding, proto3 style: zero plain fields are left out
    /// (Event: wall_time = 1, step = 2, file_version = 3, summary = 5).
    public var encoded: [UInt8] {
        var w = ProtobufWriter()
        if wallTime != 0 { w.appendDouble(1, wallTime) }
        if step != 0 { w.appendInt64(2, step) }
        switch payload {
        case .fileVersion(let version): w.appendString(3, version)
        case .summary(let values):
            var summary = ProtobufWriter()
            for value in values { summary.appendBytes(1, value.encoded) }
            w.appendMessage(5, summary)
        }
        return w.bytes
    }
}

/// One `Summary.Value`: a tag with a scalar or an image.
public struct SummaryValue: Equatable {
    /// What is logged under the tag.
    public enum Kind: Equatable {
        /// `simple_value` (float).
        case scalar(Float)
        /// `Summary.Image`: size, channels (`colorspace`: 1 grey, 3 RGB, 4 RGBA) and the PNG or JPEG file bytes.
        case image(height: Int32, width: Int32, colorspace: Int32, encoded: [UInt8])
    }

    public var tag: String
    public var kind: Kind

    public init(tag: String, kind: Kind) {
        self.tag = tag
        self.kind = kind
    }

    /// The protobuf encoding (Value: tag = 1, simple_value = 2, image = 4; Image: height = 1, width = 2,
    /// colorspace = 3, encoded_image_string = 4).
    public var encoded: [UInt8] {
        var w = ProtobufWriter()
        if !tag.isEmpty { w.appendString(1, tag) }
        switch kind {
        case .scalar(let value): w.appendFloat(2, value)
        case .image(let height, let width, let colorspace, let encoded):
            var image = ProtobufWriter()
            if height != 0 { image.appendInt32(1, height) }
            if width != 0 { image.appendInt32(2, width) }
            if colorspace != 0 { image.appendInt32(3, colorspace) }
            if !encoded.isEmpty { image.appendBytes(4, encoded) }
            w.appendMessage(4, image)
        }
        return w.bytes
    }
}
