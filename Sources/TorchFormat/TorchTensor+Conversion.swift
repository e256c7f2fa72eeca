import Foundation

extension TorchTensor {
    /// The elements in row-major order converted to `Float` (views resolved; integers and bools converted exactly
    /// where `Float` can represent them).
    public func floats() -> [Float] {
        let bytes = contiguousBytes()
        let count = elementCount
        return bytes.withUnsafeBytes { raw in
            [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                for index in 0..<count { buffer[index] = Self.float(in: raw, at: index, dtype: dtype) }
                initialized = count
            }
        }
    }

    /// The elements in row-major order converted to `Double` (exact for every dtype except 64-bit integers beyond 2⁵³).
    public func doubles() -> [Double] {
        switch dtype {
        case .float64:
            let bytes = contiguousBytes()
            return bytes.withUnsafeBytes { raw in
                (0..<elementCount).map {
                    Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)))
                }
            }
        case .int64, .int32: return int64s().map(Double.init)
        default: return floats().map(Double.init)
        }
    }

    /// The elements in row-major order converted to `Int64` like `tensor.long()` (floats truncated toward zero,
    /// non-finite or out-of-range floats become 0).
    public func int64s() -> [Int64] {
        let bytes = contiguousBytes()
        let count = elementCount
        return bytes.withUnsafeBytes { raw in
            (0..<count).map { index -> Int64 in
                switch dtype {
                case .int64: return Int64(littleEndian: raw.loadUnaligned(fromByteOffset: index * 8, as: Int64.self))
                case .int32: return Int64(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: index * 4,
                                                                                as: Int32.self)))
                case .int16: return Int64(Int16(littleEndian: raw.loadUnaligned(fromByteOffset: index * 2,
                                                                                as: Int16.self)))
                case .int8: return Int64(raw.load(fromByteOffset: index, as: Int8.self))
                case .uint8, .bool: return Int64(raw.load(fromByteOffset: index, as: UInt8.self))
                case .float64:
                    let value = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index * 8,
                                                                                         as: UInt64.self)))
                    return Self.truncated(value)
                case .float32, .float16, .bfloat16:
                    return Self.truncated(Double(Self.float(in: raw, at: index, dtype: dtype)))
                }
            }
        }
    }

    /// A new contiguous tensor of `dtype` (a floating-point type) holding `values` rounded to nearest even.
    public init(floats values: [Float], shape: [Int], dtype: TorchDType = .float32) {
        precondition(dtype.isFloatingPoint, "init(floats:) needs a floating-point dtype, got \(dtype)")
        precondition(values.count == shape.reduce(1, *), "\(values.count) values for shape \(shape)")
        var bytes = Data(count: values.count * dtype.byteCount)
        bytes.withUnsafeMutableBytes { raw in
            for (index, value) in values.enumerated() {
                switch dtype {
                case .float32: raw.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: index * 4, as: UInt32.self)
                case .float64:
                    raw.storeBytes(of: Double(value).bitPattern.littleEndian, toByteOffset: index * 8, as: UInt64.self)
                case .float16: raw.storeBytes(of: halfBits(value).littleEndian, toByteOffset: index * 2, as: UInt16.self)
                default: raw.storeBytes(of: bfloat16Bits(value).littleEndian, toByteOffset: index * 2, as: UInt16.self)
                }
            }
        }
        self.init(contiguous: bytes, dtype: dtype, shape: shape)
    }

    /// A new contiguous `int64` tensor holding `values`.
    public init(int64s values: [Int64], shape: [Int]) {
        precondition(values.count == shape.reduce(1, *), "\(values.count) values for shape \(shape)")
        var bytes = Data(count: values.count * 8)
        bytes.withUnsafeMutableBytes { raw in
            for (index, value) in values.enumerated() {
                raw.storeBytes(of: value.littleEndian, toByteOffset: index * 8, as: Int64.self)
            }
        }
        self.init(contiguous: bytes, dtype: .int64, shape: shape)
    }

    /// A contiguous tensor over freshly made bytes, in a storage with a unique key.
    private init(contiguous bytes: Data, dtype: TorchDType, shape: [Int]) {
        let storage = TorchStorage(key: UUID().uuidString, dtype: dtype, bytes: bytes)
        self.shape = shape
        self.strides = Self.contiguousStrides(for: shape)
        self.storageOffset = 0
        self.storage = storage
        self.requiresGrad = false
    }

    /// Element `index` of `raw` (row-major, `dtype`) as a `Float`.
    private static func float(in raw: UnsafeRawBufferPointer, at index: Int, dtype: TorchDType) -> Float {
        switch dtype {
        case .float32:
            return Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)))
        case .float16:
            return floatFromHalf(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: index * 2, as: UInt16.self)))
        case .bfloat16:
            let bits = UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: index * 2, as: UInt16.self))
            return Float(bitPattern: UInt32(bits) << 16)
        case .float64:
            return Float(Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index * 8,
                                                                                   as: UInt64.self))))
        case .int64: return Float(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: index * 8, as: Int64.self)))
        case .int32: return Float(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: index * 4, as: Int32.self)))
        case .int16: return Float(Int16(littleEndian: raw.loadUnaligned(fromByteOffset: index * 2, as: Int16.self)))
        case .int8: return Float(raw.load(fromByteOffset: index, as: Int8.self))
        case .uint8, .bool: return Float(raw.load(fromByteOffset: index, as: UInt8.self))
        }
    }

    /// `value` truncated toward zero, or 0 when it is not finite or outside `Int64`.
    private static func truncated(_ value: Double) -> Int64 {
        guard value.isFinite, value > -9.2e18, value < 9.2e18 else { return 0 }
        return Int64(value)
    }
}

/// The `Float` value of IEEE half-precision `bits`.
func floatFromHalf(_ bits: UInt16) -> Float {
    let sign = UInt32(bits & 0x8000) << 16
    let exponent = UInt32(bits >> 10) & 0x1F
    let mantissa = UInt32(bits) & 0x3FF
    if exponent == 0 {
        // Zero or subnormal: mantissa × 2^-24.
        let magnitude = Float(mantissa) * Float(sign: .plus, exponent: -24, significand: 1)
        return sign != 0 ? -magnitude : magnitude
    }
    if exponent == 0x1F { return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13)) }
    return Float(bitPattern: sign | ((exponent + 112) << 23) | (mantissa << 13))
}

/// The IEEE half-precision bits nearest to `value` (round to nearest even; overflow to infinity; NaN kept quiet).
func halfBits(_ value: Float) -> UInt16 {
    let bits = value.bitPattern
    let sign = UInt16((bits >> 16) & 0x8000)
    let exponent = Int((bits >> 23) & 0xFF)
    var mantissa = bits & 0x7F_FFFF
    if exponent == 0xFF { return sign | 0x7C00 | (mantissa != 0 ? 0x200 : 0) }
    let halfExponent = exponent - 127 + 15
    if halfExponent >= 0x1F { return sign | 0x7C00 }
    if halfExponent <= 0 {
        // Subnormal half (or zero): shift the implicit-one mantissa right with rounding.
        guard halfExponent >= -10 else { return sign }
        mantissa |= 0x80_0000
        let shift = UInt32(14 - halfExponent)
        var half = mantissa >> shift
        let remainder = mantissa & ((1 << shift) - 1)
        let halfway = UInt32(1) << (shift - 1)
        if remainder > halfway || (remainder == halfway && half & 1 == 1) { half += 1 }
        return sign | UInt16(half)
    }
    var half = UInt32(halfExponent) << 10 | (mantissa >> 13)
    let remainder = mantissa & 0x1FFF
    if remainder > 0x1000 || (remainder == 0x1000 && half & 1 == 1) { half += 1 }  // may carry into infinity
    return sign | UInt16(half)
}

/// The bfloat16 bits nearest to `value` (round to nearest even; NaN kept quiet).
func bfloat16Bits(_ value: Float) -> UInt16 {
    let bits = value.bitPattern
    if value.isNaN { return UInt16(bits >> 16) | 0x40 }
    let rounding = 0x7FFF + ((bits >> 16) & 1)
    return UInt16((bits &+ rounding) >> 16)
}
