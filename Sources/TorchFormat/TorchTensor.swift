import Foundation

/// The raw bytes of one PyTorch storage (`P/data/<key>` in the archive), little-endian, no header.
public struct TorchStorage: Equatable, Sendable {
    /// The storage's name in its archive (`data/<key>`); tensors read from one file with the same key share it.
    public var key: String
    /// The element type.
    public var dtype: TorchDType
    /// The elements' bytes.
    public var bytes: Data

    /// Creates a storage; `bytes.count` should be a multiple of `dtype.byteCount`.
    public init(key: String, dtype: TorchDType, bytes: Data) {
        self.key = key
        self.dtype = dtype
        self.bytes = bytes
    }

    /// Number of whole elements.
    public var elementCount: Int { bytes.count / dtype.byteCount }
}

/// A tensor as PyTorch pickles it: a strided view (shape, strides and offset in elements) on a storage.
///
/// Two tensors are `==` when they have the same dtype, shape, `requiresGrad` and element values (bit patterns), whatever
/// their strides, offsets or storage keys; compare `storage` directly for a byte-level check.
public struct TorchTensor: Equatable, Sendable {
    /// Size of each dimension; empty for a 0-d (scalar) tensor.
    public let shape: [Int]
    /// Step in elements between neighbours along each dimension.
    public let strides: [Int]
    /// Index of the first element in the storage.
    public let storageOffset: Int
    /// The storage the view reads from.
    public let storage: TorchStorage
    /// Whether the tensor was saved as a parameter requiring gradients.
    public var requiresGrad: Bool

    /// The element type (the storage's).
    public var dtype: TorchDType { storage.dtype }

    /// Creates a view after checking that every element it addresses lies inside `storage`.
    public init(storage: TorchStorage, shape: [Int], strides: [Int]? = nil, storageOffset: Int = 0,
                requiresGrad: Bool = false) throws {
        let strides = strides ?? Self.contiguousStrides(for: shape)
        try Self.validate(shape: shape, strides: strides, offset: storageOffset, storage: storage)
        self.shape = shape
        self.strides = strides
        self.storageOffset = storageOffset
        self.storage = storage
        self.requiresGrad = requiresGrad
    }

    /// Number of elements (1 for a 0-d tensor).
    public var elementCount: Int { shape.reduce(1, *) }

    /// Whether the elements are laid out row-major without gaps from `storageOffset`.
    public var isContiguous: Bool {
        var expected = 1
        for (size, stride) in zip(shape, strides).reversed() where size != 1 {
            if stride != expected { return false }
            expected *= size
        }
        return true
    }

    /// Row-major strides for `shape`.
    public static func contiguousStrides(for shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var step = 1
        for axis in shape.indices.reversed() {
            strides[axis] = step
            step = step &* Swift.max(shape[axis], 1)  // wrapping: `validate` rejects overflowing shapes
        }
        return strides
    }

    /// The elements' bytes in row-major order, with views resolved (the storage slice itself when contiguous).
    public func contiguousBytes() -> Data {
        let width = dtype.byteCount
        let count = elementCount
        guard count > 0 else { return Data() }
        if isContiguous {
            let start = storage.bytes.startIndex + storageOffset * width
            return storage.bytes.subdata(in: start..<(start + count * width))
        }
        var output = Data(count: count * width)
        storage.bytes.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { target in
                var element = 0
                forEachStorageIndex { index in
                    target.baseAddress!.advanced(by: element * width)
                        .copyMemory(from: source.baseAddress!.advanced(by: index * width), byteCount: width)
                    element += 1
                }
            }
        }
        return output
    }

    public static func == (lhs: TorchTensor, rhs: TorchTensor) -> Bool {
        lhs.dtype == rhs.dtype && lhs.shape == rhs.shape && lhs.requiresGrad == rhs.requiresGrad
            && lhs.contiguousBytes() == rhs.contiguousBytes()
    }

    /// Calls `body` with the storage index of every element, in row-major order.
    private func forEachStorageIndex(_ body: (Int) -> Void) {
        let count = elementCount
        guard count > 0 else { return }
        var position = [Int](repeating: 0, count: shape.count)
        var index = storageOffset
        for _ in 0..<count {
            body(index)
            var axis = shape.count - 1
            while axis >= 0 {
                position[axis] += 1
                index += strides[axis]
                if position[axis] < shape[axis] { break }
                index -= strides[axis] * shape[axis]
                position[axis] = 0
                axis -= 1
            }
        }
    }

    /// Throws unless the view is well formed and inside its storage.
    private static func validate(shape: [Int], strides: [Int], offset: Int, storage: TorchStorage) throws {
        func fail(_ why: String) -> TorchFormatError {
            TorchFormatError(.invalidTensor("view shape \(shape), strides \(strides), offset \(offset) on "
                + "\(storage.dtype) storage '\(storage.key)' of \(storage.elementCount) elements: \(why)"))
        }
        guard shape.count == strides.count else { throw fail("shape and strides differ in length") }
        guard offset >= 0, shape.allSatisfy({ $0 >= 0 }) else { throw fail("negative size or offset") }
        var count = 1
        for size in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow else { throw fail("element count overflows") }
            count = product
        }
        guard count > 0 else { return }
        guard strides.allSatisfy({ $0 >= 0 }) else { throw fail("negative stride") }
        var last = offset
        for (size, stride) in zip(shape, strides) {
            let (step, overflow) = (size - 1).multipliedReportingOverflow(by: stride)
            let (sum, overflow2) = last.addingReportingOverflow(step)
            guard !overflow, !overflow2 else { throw fail("index overflows") }
            last = sum
        }
        guard last < storage.elementCount else { throw fail("reads element \(last), past the end") }
    }
}
