import Foundation

/// A fast 128-bit non-cryptographic hash of file contents (two multiply-rotate lanes over 8-byte words, SplitMix
/// finalisers), used to find byte-identical images; equal hashes are confirmed by comparing the bytes.
public struct ContentHash: Hashable, Sendable, CustomStringConvertible {
    public var high: UInt64
    public var low: UInt64

    /// The hash of `bytes`.
    public init(_ bytes: UnsafeRawBufferPointer) {
        var a: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var b: UInt64 = 0xC2B2_AE3D_27D4_EB4F &+ UInt64(bytes.count)
        let words = bytes.count / 8
        for i in 0..<words {
            let w = bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)
            a = ContentHash.rotate(a ^ (w &* 0x87C3_7B91_1142_53D5), 31) &* 0x4CF5_AD43_2745_937F
            b = ContentHash.rotate(b &+ (w &* 0x5254_2FF1_0A44_B8C7), 29) &* 0x9FB2_1C65_1E98_DF25 ^ a
        }
        var tail: UInt64 = 0
        for i in (words * 8)..<bytes.count { tail = tail << 8 | UInt64(bytes[i]) }
        a = ContentHash.mix(a ^ tail)
        b = ContentHash.mix(b &+ tail &+ a)
        high = a
        low = b
    }

    /// The hash of `data`.
    public init(_ data: Data) {
        self = data.withUnsafeBytes { ContentHash($0) }
    }

    public var description: String { String(format: "%016llx%016llx", high, low) }

    static func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { x << k | x >> (64 - k) }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
