import Kernels

/// Contiguous float storage shared by a tensor and its reshaped views.
public final class TensorStorage: @unchecked Sendable {
    public let pointer: UnsafeMutablePointer<Float>
    public let count: Int
    private let capacity: Int

    public init(count: Int) {
        self.count = count
        capacity = BufferCache.roundedCapacity(count)
        pointer = BufferCache.shared.take(capacity)
    }

    deinit { BufferCache.shared.give(pointer, capacity) }
}

/// Reuses freed tensor buffers by size: a training step allocates the same shapes every iteration, and fresh
/// large allocations cost page faults (measured: 13 % of a yolo26n forward went to zeroing new pages).
final class BufferCache: @unchecked Sendable {
    static let shared = BufferCache()
    private var free: [Int: [UnsafeMutablePointer<Float>]] = [:]
    private var cachedBytes = 0
    /// A third of physical memory: a training step's activations come back as the next step's buffers.
    private let limitBytes = Int(ProcessInfo.processInfo.physicalMemory / 3)
    private let lock = NSLock()

    /// Element capacity actually allocated for `count` (whole 4 KiB pages above 16 KiB, so near sizes share).
    static func roundedCapacity(_ count: Int) -> Int {
        let n = max(count, 1)
        return n < 4096 ? n : (n + 1023) / 1024 * 1024
    }

    func take(_ capacity: Int) -> UnsafeMutablePointer<Float> {
        if capacity >= 4096 {
            lock.lock()
            if let p = free[capacity]?.popLast() {
                cachedBytes -= capacity * 4
                lock.unlock()
                return p
            }
            lock.unlock()
        }
        return .allocate(capacity: capacity)
    }

    func give(_ p: UnsafeMutablePointer<Float>, _ capacity: Int) {
        guard capacity >= 4096 else { return p.deallocate() }
        lock.lock()
        // Over the limit: release other sizes, largest first, until this buffer fits.
        if cachedBytes + capacity * 4 > limitBytes {
            for size in free.keys.sorted(by: >) where cachedBytes + capacity * 4 > limitBytes {
                for q in free[size]! { q.deallocate() }
                cachedBytes -= size * 4 * free[size]!.count
                free[size] = nil
            }
        }
        free[capacity, default: []].append(p)
        cachedBytes += capacity * 4
        lock.unlock()
    }
}

/// A float32 tensor indexed like PyTorch (`[N, C, H, W]`), contiguous, with reverse-mode autograd.
///
/// Storage is row-major NCHW, or — for 4-D tensors whose channels are a multiple of 16 — oneDNN's blocked
/// `nChw16c` layout, which convolutions, batch norm and elementwise ops keep so no reorders run between them.
/// `data` always reads NCHW (converting a blocked tensor once, cached); layout-aware kernels use `rawData`.
public final class Tensor: @unchecked Sendable, CustomStringConvertible {
    public let shape: [Int]
    public let storage: TensorStorage
    /// Physical layout of `storage`.
    public let layout: TensorLayout
    /// NCHW copy of a blocked tensor, made on first `data` access.
    private var plainCopy: TensorStorage?
    /// The NCHW copy, once made.
    var plainStorageCache: TensorStorage? { plainCopy }
    /// Accumulated gradient after `backward()` (leaf tensors that require gradients).
    public var grad: Tensor?
    /// Whether gradients flow to this tensor.
    public internal(set) var requiresGrad: Bool
    /// The operation that produced this tensor (nil for leaves and tensors made without gradient tracking).
    var node: AutogradNode?

    /// Number of elements.
    public var count: Int { storage.count }
    /// Number of dimensions.
    public var rank: Int { shape.count }
    /// Read-only pointer to the elements in NCHW order (a blocked tensor is converted once).
    public var data: UnsafePointer<Float> {
        if layout == .nchw { return UnsafePointer(storage.pointer) }
        if let plainCopy { return UnsafePointer(plainCopy.pointer) }
        let p = TensorStorage(count: count)
        TensorLayout.unblock(storage.pointer, into: p.pointer, shape: shape)
        plainCopy = p
        return UnsafePointer(p.pointer)
    }
    /// Mutable pointer to the NCHW elements (kernels, in-place parameter updates; bypasses autograd).
    public var mutableData: UnsafeMutablePointer<Float> {
        precondition(layout == .nchw, "mutableData of a blocked tensor; convert it with plain() first")
        return storage.pointer
    }
    /// The storage as laid out (`layout`), for layout-aware kernels.
    public var rawData: UnsafePointer<Float> { UnsafePointer(storage.pointer) }
    /// Mutable storage as laid out (`layout`), for layout-aware kernels filling a new tensor.
    public var rawMutableData: UnsafeMutablePointer<Float> { storage.pointer }

    /// An uninitialised tensor of `shape` (kernels fill it) in `layout`.
    public init(uninitialized shape: [Int], layout: TensorLayout = .nchw) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in shape \(shape)")
        precondition(layout == .nchw || TensorLayout.canBlock(shape), "shape \(shape) cannot use the blocked layout")
        self.shape = shape
        self.layout = layout
        storage = TensorStorage(count: shape.reduce(1, *))
        requiresGrad = false
    }

    /// A tensor viewing `storage` with `shape` (same element count).
    init(shape: [Int], storage: TensorStorage, layout: TensorLayout = .nchw) {
        precondition(shape.reduce(1, *) == storage.count, "shape \(shape) does not fit \(storage.count) elements")
        self.shape = shape
        self.storage = storage
        self.layout = layout
        requiresGrad = false
    }

    /// A tensor holding `values` in row-major order.
    public convenience init(_ values: [Float], shape: [Int]) {
        precondition(values.count == shape.reduce(1, *), "\(values.count) values do not fill shape \(shape)")
        self.init(uninitialized: shape)
        values.withUnsafeBufferPointer { storage.pointer.update(from: $0.baseAddress!, count: values.count) }
    }

    /// A 0-d tensor.
    public convenience init(scalar: Float) { self.init([scalar], shape: []) }

    /// A tensor of `shape` filled with `value`.
    public convenience init(repeating value: Float, shape: [Int]) {
        self.init(uninitialized: shape)
        storage.pointer.update(repeating: value, count: count)
    }

    public static func zeros(_ shape: [Int]) -> Tensor { Tensor(repeating: 0, shape: shape) }
    public static func ones(_ shape: [Int]) -> Tensor { Tensor(repeating: 1, shape: shape) }

    /// Marks this leaf as a trainable parameter (gradients accumulate in `grad`).
    @discardableResult
    public func requiringGrad(_ flag: Bool = true) -> Tensor {
        precondition(node == nil || !flag, "requiringGrad() applies to leaf tensors only")
        requiresGrad = flag
        return self
    }

    /// The elements as an array.
    public var scalars: [Float] { Array(UnsafeBufferPointer(start: data, count: count)) }

    /// The single element of a one-element tensor.
    public var item: Float {
        precondition(count == 1, "item() needs one element, shape is \(shape)")
        return data[0]
    }

    /// The same values, cut off from the graph (shares storage).
    public func detached() -> Tensor { Tensor(shape: shape, storage: storage, layout: layout) }

    /// A deep copy (new storage), cut off from the graph.
    public func copy() -> Tensor {
        let t = Tensor(uninitialized: shape)
        t.storage.pointer.update(from: data, count: count)
        return t
    }

    /// Overwrites the elements with `other`'s (same count), outside autograd.
    public func assign(_ other: Tensor) {
        precondition(other.count == count, "assign: \(other.shape) into \(shape)")
        mutableData.update(from: other.data, count: count)
    }

    public var description: String {
        let head = scalars.prefix(8).map { String(format: "%.4g", Double($0)) }.joined(separator: ", ")
        return "Tensor(shape: \(shape), [\(head)\(count > 8 ? ", …" : "")])"
    }
}

import Foundation
