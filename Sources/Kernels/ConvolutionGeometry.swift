/// Shapes of one 2-D convolution: input `[N, C, H, W]`, weight `[O, C/groups, KH, KW]`, output `[N, O, OH, OW]`.
public struct ConvolutionGeometry: Hashable, Sendable, CustomStringConvertible {
    public var batch: Int
    public var inChannels: Int
    public var height: Int
    public var width: Int
    public var outChannels: Int
    public var kernelHeight: Int
    public var kernelWidth: Int
    public var strideHeight: Int
    public var strideWidth: Int
    public var paddingHeight: Int
    public var paddingWidth: Int
    public var dilationHeight: Int
    public var dilationWidth: Int
    public var groups: Int

    public init(
        batch: Int, inChannels: Int, height: Int, width: Int, outChannels: Int,
        kernelSize: (Int, Int), stride: (Int, Int) = (1, 1), padding: (Int, Int) = (0, 0),
        dilation: (Int, Int) = (1, 1), groups: Int = 1
    ) {
        precondition(inChannels % groups == 0 && outChannels % groups == 0,
                     "channels \(inChannels)→\(outChannels) not divisible by groups \(groups)")
        self.batch = batch
        self.inChannels = inChannels
        self.height = height
        self.width = width
        self.outChannels = outChannels
        (kernelHeight, kernelWidth) = kernelSize
        (strideHeight, strideWidth) = stride
        (paddingHeight, paddingWidth) = padding
        (dilationHeight, dilationWidth) = dilation
        self.groups = groups
        precondition(outHeight > 0 && outWidth > 0, "convolution \(self) has an empty output")
    }

    public var outHeight: Int {
        (height + 2 * paddingHeight - dilationHeight * (kernelHeight - 1) - 1) / strideHeight + 1
    }
    public var outWidth: Int {
        (width + 2 * paddingWidth - dilationWidth * (kernelWidth - 1) - 1) / strideWidth + 1
    }
    public var inputShape: [Int] { [batch, inChannels, height, width] }
    public var weightShape: [Int] { [outChannels, inChannels / groups, kernelHeight, kernelWidth] }
    public var outputShape: [Int] { [batch, outChannels, outHeight, outWidth] }
    public var inputCount: Int { inputShape.reduce(1, *) }
    public var weightCount: Int { weightShape.reduce(1, *) }
    public var outputCount: Int { outputShape.reduce(1, *) }

    /// Multiply-adds × 2 of one pass (forward, backward-data and backward-weights cost the same).
    public var flops: Double {
        2.0 * Double(batch * outChannels * outHeight * outWidth) * Double(inChannels / groups * kernelHeight * kernelWidth)
    }

    public var description: String {
        "conv(N\(batch) C\(inChannels) \(height)×\(width) → O\(outChannels), k\(kernelHeight)×\(kernelWidth) "
            + "s\(strideHeight),\(strideWidth) p\(paddingHeight),\(paddingWidth) d\(dilationHeight),\(dilationWidth) "
            + "g\(groups))"
    }
}
