/// Naive twins of the oneDNN convolution passes (direct loops in Double), for tests.
public enum NaiveConvolution {
    /// output = conv(input, weight) + bias, PyTorch semantics (cross-correlation, zero padding).
    public static func forward(_ g: ConvolutionGeometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                               bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>) {
        let cpg = g.inChannels / g.groups, opg = g.outChannels / g.groups
        for n in 0..<g.batch {
            for o in 0..<g.outChannels {
                let grp = o / opg
                for oy in 0..<g.outHeight {
                    for ox in 0..<g.outWidth {
                        var acc = Double(bias?[o] ?? 0)
                        for ci in 0..<cpg {
                            let c = grp * cpg + ci
                            for ky in 0..<g.kernelHeight {
                                let iy = oy * g.strideHeight - g.paddingHeight + ky * g.dilationHeight
                                if iy < 0 || iy >= g.height { continue }
                                for kx in 0..<g.kernelWidth {
                                    let ix = ox * g.strideWidth - g.paddingWidth + kx * g.dilationWidth
                                    if ix < 0 || ix >= g.width { continue }
                                    let xv = input[((n * g.inChannels + c) * g.height + iy) * g.width + ix]
                                    let wv = weight[((o * cpg + ci) * g.kernelHeight + ky) * g.kernelWidth + kx]
                                    acc += Double(xv) * Double(wv)
                                }
                            }
                        }
                        output[((n * g.outChannels + o) * g.outHeight + oy) * g.outWidth + ox] = Float(acc)
                    }
                }
            }
        }
    }

    /// gradInput and gradWeight (and gradBias) of `forward` for upstream gradient `gradOutput`.
    public static func backward(_ g: ConvolutionGeometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                                gradOutput: UnsafePointer<Float>, gradInput: UnsafeMutablePointer<Float>,
                                gradWeight: UnsafeMutablePointer<Float>, gradBias: UnsafeMutablePointer<Float>?) {
        let cpg = g.inChannels / g.groups, opg = g.outChannels / g.groups
        var gi = [Double](repeating: 0, count: g.inputCount)
        var gw = [Double](repeating: 0, count: g.weightCount)
        var gb = [Double](repeating: 0, count: g.outChannels)
        for n in 0..<g.batch {
            for o in 0..<g.outChannels {
                let grp = o / opg
                for oy in 0..<g.outHeight {
                    for ox in 0..<g.outWidth {
                        let go = Double(gradOutput[((n * g.outChannels + o) * g.outHeight + oy) * g.outWidth + ox])
                        gb[o] += go
                        for ci in 0..<cpg {
                            let c = grp * cpg + ci
                            for ky in 0..<g.kernelHeight {
                                let iy = oy * g.strideHeight - g.paddingHeight + ky * g.dilationHeight
                                if iy < 0 || iy >= g.height { continue }
                                for kx in 0..<g.kernelWidth {
                                    let ix = ox * g.strideWidth - g.paddingWidth + kx * g.dilationWidth
                                    if ix < 0 || ix >= g.width { continue }
                                    let xi = ((n * g.inChannels + c) * g.height + iy) * g.width + ix
                                    let wi = ((o * cpg + ci) * g.kernelHeight + ky) * g.kernelWidth + kx
                                    gi[xi] += go * Double(weight[wi])
                                    gw[wi] += go * Double(input[xi])
                                }
                            }
                        }
                    }
                }
            }
        }
        for i in gi.indices { gradInput[i] = Float(gi[i]) }
        for i in gw.indices { gradWeight[i] = Float(gw[i]) }
        if let gradBias { for i in gb.indices { gradBias[i] = Float(gb[i]) } }
    }
}
