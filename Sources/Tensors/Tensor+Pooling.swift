import Kernels

/// Max pooling, nearest upsampling, adaptive average pooling and dropout on `[N, C, H, W]`.
extension Tensor {
    /// Max pool with square `kernel`, `stride` and `padding` (padding counts as −∞, as PyTorch).
    public func maxPool2d(kernel: Int, stride: Int, padding: Int = 0) -> Tensor {
        precondition(rank == 4, "maxPool2d expects [N, C, H, W], got \(shape)")
        let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
        let oh = Pooling.outputSize(h, kernel: kernel, stride: stride, padding: padding)
        let ow = Pooling.outputSize(w, kernel: kernel, stride: stride, padding: padding)
        if layout == .blocked16 {
            // Per 16-channel block: indices are in-plane positions of the blocked plane, so the backward scatter
            // is the same loop over planes of h·w·16 values.
            let out = Tensor(uninitialized: [n, c, oh, ow], layout: .blocked16)
            var indices = [Int32](repeating: 0, count: out.count)
            indices.withUnsafeMutableBufferPointer { ip in
                Pooling.maxPoolForwardBlocked(rawData, planes: n * c / 16, height: h, width: w, kernel: kernel,
                                              stride: stride, padding: padding, output: out.rawMutableData,
                                              indices: ip.baseAddress!)
            }
            return out.recorded("max_pool2d_blocked", [self]) { [shape] gAny in
                let g = gAny.converted(to: .blocked16)
                let gi = Tensor(uninitialized: shape, layout: .blocked16)
                indices.withUnsafeBufferPointer { ip in
                    Pooling.maxPoolBackward(g.rawData, indices: ip.baseAddress!, planes: n * c / 16,
                                            inputPlane: h * w * 16, outputPlane: oh * ow * 16,
                                            gradInput: gi.rawMutableData)
                }
                return [gi]
            }
        }
        let out = Tensor(uninitialized: [n, c, oh, ow])
        var indices = [Int32](repeating: 0, count: out.count)
        indices.withUnsafeMutableBufferPointer { ip in
            Pooling.maxPoolForward(data, planes: n * c, height: h, width: w, kernel: kernel, stride: stride,
                                   padding: padding, output: out.mutableData, indices: ip.baseAddress!)
        }
        return out.recorded("max_pool2d", [self]) { [shape] gAny in
            let g = gAny.converted(to: .nchw)
            let gi = Tensor(uninitialized: shape)
            indices.withUnsafeBufferPointer { ip in
                Pooling.maxPoolBackward(g.data, indices: ip.baseAddress!, planes: n * c, inputPlane: h * w,
                                        outputPlane: oh * ow, gradInput: gi.mutableData)
            }
            return [gi]
        }
    }

    /// Nearest-neighbour upsampling by an integer factor.
    public func upsampleNearest(scale: Int = 2) -> Tensor {
        precondition(rank == 4, "upsampleNearest expects [N, C, H, W], got \(shape)")
        let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
        if layout == .blocked16 {
            let out = Tensor(uninitialized: [n, c, h * scale, w * scale], layout: .blocked16)
            Pooling.upsampleNearestForwardBlocked(rawData, planes: n * c / 16, height: h, width: w, scale: scale,
                                                  output: out.rawMutableData)
            return out.recorded("upsample_nearest_blocked", [self]) { [shape] gAny in
                let g = gAny.converted(to: .blocked16)
                let gi = Tensor(uninitialized: shape, layout: .blocked16)
                Pooling.upsampleNearestBackwardBlocked(g.rawData, planes: n * c / 16, height: h, width: w, scale: scale,
                                                       gradInput: gi.rawMutableData)
                return [gi]
            }
        }
        let out = Tensor(uninitialized: [n, c, h * scale, w * scale])
        Pooling.upsampleNearestForward(data, planes: n * c, height: h, width: w, scale: scale, output: out.mutableData)
        return out.recorded("upsample_nearest", [self]) { [shape] gAny in
            let g = gAny.converted(to: .nchw)
            let gi = Tensor(uninitialized: shape)
            Pooling.upsampleNearestBackward(g.data, planes: n * c, height: h, width: w, scale: scale,
                                            gradInput: gi.mutableData)
            return [gi]
        }
    }

    /// Adaptive average pooling to `outHeight × outWidth` (PyTorch's bins).
    public func adaptiveAvgPool2d(_ outHeight: Int, _ outWidth: Int) -> Tensor {
        precondition(rank == 4, "adaptiveAvgPool2d expects [N, C, H, W], got \(shape)")
        let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
        let out = Tensor(uninitialized: [n, c, outHeight, outWidth])
        Pooling.adaptiveAveragePoolForward(data, planes: n * c, height: h, width: w, outHeight: outHeight,
                                           outWidth: outWidth, output: out.mutableData)
        return out.recorded("adaptive_avg_pool2d", [self]) { [shape] g in
            let gi = Tensor(uninitialized: shape)
            Pooling.adaptiveAveragePoolBackward(g.data, planes: n * c, height: h, width: w, outHeight: outHeight,
                                                outWidth: outWidth, gradInput: gi.mutableData)
            return [gi]
        }
    }

    /// Inverted dropout: zeroes each element with probability `p` and scales the rest by 1/(1−p) in training.
    public func dropout(_ p: Float, training: Bool, random: inout RandomSource) -> Tensor {
        guard training && p > 0 else { return self }
        precondition(p < 1, "dropout probability must be below 1, got \(p)")
        let mask = Tensor(uninitialized: shape)
        let keep = 1 / (1 - p)
        for i in 0..<count { mask.mutableData[i] = random.nextUniform() < p ? 0 : keep }
        return zipMap(mask, Functions.Multiply()).recorded("dropout", [self]) { g in [g.zipMap(mask, Functions.Multiply())] }
    }
}
