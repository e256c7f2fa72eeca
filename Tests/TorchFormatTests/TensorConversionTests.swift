import Foundation
@testable import TorchFormat
import XCTest

/// Element conversions (f16/bf16/f64/ints ↔ Float) and views, checked against Swift's `Float16` and torch's own casts.
final class TensorConversionTests: XCTestCase {
    func testEveryHalfBitPatternConvertsLikeFloat16() {
        for bits in UInt16.min...UInt16.max {
            let value = floatFromHalf(bits)
            #if !(os(macOS) && arch(x86_64))
            let reference = Float(Float16(bitPattern: bits))
            XCTAssertTrue(value == reference || (value.isNaN && reference.isNaN), "half \(bits)")
            #endif
            if !value.isNaN { XCTAssertEqual(halfBits(value), bits, "half \(bits) round trip") }
        }
    }

    func testFloatToHalfRoundsToNearestEven() {
        #if !(os(macOS) && arch(x86_64))
        var generator = SplitMix64(seed: 7)
        for _ in 0..<200_000 {
            // Magnitudes from subnormal halves to beyond the half range.
            let value = Float(bitPattern: UInt32(truncatingIfNeeded: generator.next()) % 0x4800_0000
                | (generator.next() & 1 == 0 ? 0 : 0x8000_0000))
            XCTAssertEqual(halfBits(value), Float16(value).bitPattern, "\(value)")
        }
        #endif
        XCTAssertEqual(halfBits(65520), 0x7C00, "rounds to infinity")
        XCTAssertEqual(halfBits(.nan) & 0x7C00, 0x7C00)
    }

    func testCastsMatchTorch() throws {
        // dtypes.pt holds torch's own f32 → f16 / bf16 / f64 casts of the same values.
        let file = try loadFixture("dtypes.pt")
        let base = try XCTUnwrap(file["f32"]?.tensor)
        for name in ["f16", "bf16"] {
            let torchCast = try XCTUnwrap(file[name]?.tensor)
            let ours = TorchTensor(floats: base.floats(), shape: base.shape, dtype: torchCast.dtype)
            XCTAssertEqual(ours.contiguousBytes(), torchCast.contiguousBytes(), "\(name) rounding matches torch")
        }
        let wide = try XCTUnwrap(file["f64"]?.tensor)
        XCTAssertEqual(wide.doubles(), base.floats().map { Double($0) * 1e3 })
        let ints = try XCTUnwrap(file["i32"]?.tensor)
        XCTAssertEqual(ints.int64s(), (-6..<6).map { Int64($0) * 70_000 })
        XCTAssertEqual(try XCTUnwrap(file["bool"]?.tensor).floats(), [1, 0, 1])
        XCTAssertEqual(try XCTUnwrap(file["u8"]?.tensor).int64s(), [250, 251, 252, 253, 254, 255])
    }

    func testViewsResolveThroughStrides() throws {
        let storage = TorchStorage(key: "0", dtype: .float32,
                                   bytes: TorchTensor(floats: (0..<12).map(Float.init), shape: [12]).storage.bytes)
        let transposed = try TorchTensor(storage: storage, shape: [4, 3], strides: [1, 4])
        XCTAssertFalse(transposed.isContiguous)
        XCTAssertEqual(transposed.floats(), [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11])
        let sliced = try TorchTensor(storage: storage, shape: [2, 2], strides: [4, 2], storageOffset: 5)
        XCTAssertEqual(sliced.floats(), [5, 7, 9, 11])
        let scalar = try TorchTensor(storage: storage, shape: [], strides: [], storageOffset: 11)
        XCTAssertEqual(scalar.floats(), [11])
        XCTAssertTrue(try TorchTensor(storage: storage, shape: [1, 3], strides: [99, 1]).isContiguous)
    }

    func testIntegerAndFloatConstructors() {
        let ints = TorchTensor(int64s: [-(1 << 40), 0, 7], shape: [3])
        XCTAssertEqual(ints.dtype, .int64)
        XCTAssertEqual(ints.int64s(), [-(1 << 40), 0, 7])
        let halves = TorchTensor(floats: [1.5, -0.25], shape: [2, 1], dtype: .float16)
        XCTAssertEqual(halves.floats(), [1.5, -0.25])
        XCTAssertEqual(halves.strides, [1, 1])
        XCTAssertEqual(TorchTensor(floats: [.nan, .infinity, -3.9, 3.9], shape: [4]).int64s(), [0, 0, -3, 3])
        XCTAssertEqual(TorchTensor(floats: [2.5], shape: [], dtype: .float64).doubles(), [2.5])
    }
}
