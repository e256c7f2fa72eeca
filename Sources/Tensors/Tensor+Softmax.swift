import Foundation
import Kernels

/// Softmax and log-softmax along an axis (max-subtracted for stability).
extension Tensor {
    /// (outer, size, inner) view around `axis`.
    func axisSplit(_ axis: Int) -> (outer: Int, size: Int, inner: Int) {
        let a = normalizedAxis(axis)
        return (shape[..<a].reduce(1, *), shape[a], shape[(a + 1)...].reduce(1, *))
    }

    public func softmax(axis: Int) -> Tensor {
        let (outer, size, inner) = axisSplit(axis)
        let out = Tensor(uninitialized: shape)
        let o = SendablePointer(out.mutableData)
        Parallel.forEachChunk(outer * inner, grain: 1024) { range in
            for k in range {
                let base = (k / inner) * size * inner + k % inner
                var m = -Float.infinity
                for j in 0..<size { m = Swift.max(m, self.data[base + j * inner]) }
                var s: Float = 0
                for j in 0..<size {
                    let e = Foundation.exp(self.data[base + j * inner] - m)
                    o.pointer[base + j * inner] = e
                    s += e
                }
                for j in 0..<size { o.pointer[base + j * inner] /= s }
            }
        }
        let y = out.detached()  // values only: capturing `out` would make a reference cycle through its node
        return out.recorded("softmax", [self]) { g in
            // dx = y · (g − Σ g·y)
            let gi = Tensor(uninitialized: g.shape)
            for k in 0..<(outer * inner) {
                let base = (k / inner) * size * inner + k % inner
                var dot: Float = 0
                for j in 0..<size { dot += g.data[base + j * inner] * y.data[base + j * inner] }
                for j in 0..<size {
                    let i = base + j * inner
                    gi.mutableData[i] = y.data[i] * (g.data[i] - dot)
                }
            }
            return [gi]
        }
    }

    public func logSoftmax(axis: Int) -> Tensor {
        let (outer, size, inner) = axisSplit(axis)
        let out = Tensor(uninitialized: shape)
        for k in 0..<(outer * inner) {
            let base = (k / inner) * size * inner + k % inner
            var m = -Float.infinity
            for j in 0..<size { m = Swift.max(m, data[base + j * inner]) }
            var s: Float = 0
            for j in 0..<size { s += Foundation.exp(data[base + j * inner] - m) }
            let lse = m + Foundation.log(s)
            for j in 0..<size { out.mutableData[base + j * inner] = data[base + j * inner] - lse }
        }
        let y = out.detached()
        return out.recorded("log_softmax", [self]) { g in
            // dx = g − softmax · Σ g
            let gi = Tensor(uninitialized: g.shape)
            for k in 0..<(outer * inner) {
                let base = (k / inner) * size * inner + k % inner
                var s: Float = 0
                for j in 0..<size { s += g.data[base + j * inner] }
                for j in 0..<size {
                    let i = base + j * inner
                    gi.mutableData[i] = g.data[i] - Foundation.exp(y.data[i]) * s
                }
            }
            return [gi]
        }
    }
}
