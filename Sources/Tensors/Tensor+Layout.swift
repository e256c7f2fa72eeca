import Kernels

/// Physical layouts of tensor storage.
public enum TensorLayout: Sendable, Hashable {
    /// Row-major `[N, C, H, W]`.
    case nchw
    /// oneDNN's `nChw16c`: `[N, C/16, H, W, 16]` (4-D, channels a multiple of 16).
    case blocked16

    /// Whether `shape` can be stored blocked.
    public static func canBlock(_ shape: [Int]) -> Bool { shape.count == 4 && shape[1] % 16 == 0 && shape[1] > 0 }

    /// NCHW → nChw16c for `shape` `[N, C, H, W]`.
    static func block(_ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>, shape: [Int]) {
        let (n, c, hw) = (shape[0], shape[1], shape[2] * shape[3])
        let blocks = c / 16
        let out = SendablePointer(dst)
        Parallel.forEachChunk(n * blocks, grain: 1) { range in
            for nb in range {
                let b = nb % blocks, img = nb / blocks
                let s = src + (img * c + b * 16) * hw, d = out.pointer + nb * hw * 16
                for j in 0..<16 { for i in 0..<hw { d[i * 16 + j] = s[j * hw + i] } }
            }
        }
    }

    /// nChw16c → NCHW for `shape` `[N, C, H, W]`.
    static func unblock(_ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>, shape: [Int]) {
        let (n, c, hw) = (shape[0], shape[1], shape[2] * shape[3])
        let blocks = c / 16
        let out = SendablePointer(dst)
        Parallel.forEachChunk(n * blocks, grain: 1) { range in
            for nb in range {
                let b = nb % blocks, img = nb / blocks
                let s = src + nb * hw * 16, d = out.pointer + (img * c + b * 16) * hw
                for j in 0..<16 { for i in 0..<hw { d[j * hw + i] = s[i * 16 + j] } }
            }
        }
    }
}

extension Tensor {
    /// The same values in `target` layout, without recording (for gradients and kernels).
    public func converted(to target: TensorLayout) -> Tensor {
        if layout == target { return self }
        if target == .nchw { return Tensor(shape: shape, storage: plainStorage(), layout: .nchw) }
        let out = Tensor(uninitialized: shape, layout: .blocked16)
        TensorLayout.block(data, into: out.rawMutableData, shape: shape)
        return out
    }

    /// NCHW storage holding this tensor's values (the cached conversion for a blocked tensor).
    func plainStorage() -> TensorStorage {
        if layout == .nchw { return storage }
        _ = data
        return plainStorageCache!
    }

    /// This tensor in NCHW (a recorded conversion for blocked tensors; the gradient goes back to blocked).
    public func plain() -> Tensor {
        if layout == .nchw { return self }
        let out = converted(to: .nchw)
        return out.recorded("to_nchw", [self]) { g in [g.converted(to: .blocked16)] }
    }

    /// This tensor blocked when its shape allows (recorded; the gradient goes back to NCHW).
    public func blocked() -> Tensor {
        guard layout == .nchw, TensorLayout.canBlock(shape) else { return self }
        let out = converted(to: .blocked16)
        return out.recorded("to_blocked", [self]) { g in [g.converted(to: .nchw)] }
    }
}
