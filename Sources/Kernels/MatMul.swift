import CDNNL
import Foundation

/// Batched matrix product through oneDNN: C[b] = op(A[b]) · op(B[b]), C is `[batch, M, N]` row-major.
///
/// `op` is a transpose when the flag is set: A is stored `[batch, M, K]` (or `[batch, K, M]` when `transposeA`),
/// B is `[batch, K, N]` (or `[batch, N, K]`). Primitives are cached per shape.
public final class MatMulKernel: @unchecked Sendable {
    public struct Shape: Hashable, Sendable {
        public var batch, m, n, k: Int
        public var transposeA, transposeB: Bool
        public init(batch: Int, m: Int, n: Int, k: Int, transposeA: Bool = false, transposeB: Bool = false) {
            (self.batch, self.m, self.n, self.k, self.transposeA, self.transposeB) = (batch, m, n, k, transposeA, transposeB)
        }
    }

    public let shape: Shape
    private let primitive: DNNLPrimitive
    private let a: DNNLMemory, b: DNNLMemory, c: DNNLMemory

    private static var cache: [Shape: MatMulKernel] = [:]
    private static let lock = NSLock()

    /// The cached kernel for `shape`.
    public static func cached(_ shape: Shape) -> MatMulKernel {
        lock.lock()
        defer { lock.unlock() }
        if let k = cache[shape] { return k }
        let k = MatMulKernel(shape)
        cache[shape] = k
        return k
    }

    init(_ s: Shape) {
        shape = s
        let aStrides = s.transposeA ? [s.m * s.k, 1, s.m] : [s.m * s.k, s.k, 1]
        let bStrides = s.transposeB ? [s.k * s.n, 1, s.k] : [s.k * s.n, s.n, 1]
        var amd = memoryDescriptor([s.batch, s.m, s.k], strides: aStrides)
        var bmd = memoryDescriptor([s.batch, s.k, s.n], strides: bStrides)
        var cmd = memoryDescriptor([s.batch, s.m, s.n], strides: [s.m * s.n, s.n, 1])
        var desc = dnnl_matmul_desc_t()
        dnnlCheck(dnnl_matmul_desc_init(&desc, &amd, &bmd, nil, &cmd), "matmul_desc_init \(s)")
        primitive = DNNLPrimitive(&desc, "matmul pd \(s)")
        let dummy = UnsafeMutableRawPointer(bitPattern: 64)
        a = DNNLMemory(amd, pointer: dummy)
        b = DNNLMemory(bmd, pointer: dummy)
        c = DNNLMemory(cmd, pointer: dummy)
    }

    /// The implementation oneDNN chose.
    public var implementation: String { primitive.implementation }

    /// Writes C = op(A) · op(B) (overwrites C).
    public func run(a pa: UnsafePointer<Float>, b pb: UnsafePointer<Float>, c pc: UnsafeMutablePointer<Float>) {
        a.bind(pa)
        b.bind(pb)
        c.bind(pc)
        primitive.execute([(DNNLArg.src, a), (DNNLArg.weights, b), (DNNLArg.dst, c)])
    }

    /// Naive twin: triple loop in Double.
    public static func naive(_ s: Shape, a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>) {
        for bi in 0..<s.batch {
            let pa = a + bi * s.m * s.k, pb = b + bi * s.k * s.n, pc = c + bi * s.m * s.n
            for i in 0..<s.m {
                for j in 0..<s.n {
                    var acc = 0.0
                    for l in 0..<s.k {
                        let av = s.transposeA ? pa[l * s.m + i] : pa[i * s.k + l]
                        let bv = s.transposeB ? pb[j * s.k + l] : pb[l * s.n + j]
                        acc += Double(av) * Double(bv)
                    }
                    pc[i * s.n + j] = Float(acc)
                }
            }
        }
    }
}
