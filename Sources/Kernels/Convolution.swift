import CDNNL
import Foundation

/// Convolution forward, backward-data and backward-weights through oneDNN for one geometry.
///
/// Buffers are the engine's canonical layouts: activations NCHW, weights OIHW. Primitives are created on first use
/// and cached; weights are described with `format_tag_any` and reordered (a fixed weight layout makes oneDNN fall back
/// to a reference kernel). Activations use `ConvolutionKernel.activationLayout`; when it differs from NCHW the
/// kernel reorders in and out through private buffers.
public final class ConvolutionKernel: @unchecked Sendable {
    /// Physical layout handed to oneDNN for activations (chosen by `yolo-bench kernels`).
    public enum ActivationLayout: String, Sendable {
        /// nchw/nhwc/blocked16 force one layout; `any` lets oneDNN choose; `auto` uses the 16-channel blocked layout
        /// where the input channels allow it (oneDNN 2.6 falls back to a reference kernel otherwise) and `any` elsewhere.
        case nchw, nhwc, blocked16, any, auto
    }

    /// The layout new kernels use; change it before the first convolution.
    nonisolated(unsafe) public static var activationLayout: ActivationLayout = .auto

    /// An activation fused into the forward pass (inference only; no backward).
    public enum PostOp: Hashable, Sendable { case none, silu }

    public let geometry: ConvolutionGeometry
    public let hasBias: Bool
    public let postOp: PostOp
    private let layout: ActivationLayout

    private var forwardPD: DNNLPrimitive?
    private var backwardDataPD: DNNLPrimitive?
    private var backwardWeightsPD: DNNLPrimitive?
    private var scratch: [String: DNNLMemory] = [:]
    private var reorders: [String: DNNLReorder] = [:]

    private static var cache: [Key: ConvolutionKernel] = [:]
    private static let cacheLock = NSLock()
    private struct Key: Hashable {
        let geometry: ConvolutionGeometry; let bias: Bool; let layout: ActivationLayout; let postOp: PostOp
    }

    /// The cached kernel for `geometry` (created once per shape); `postOp` other than `.none` gives an
    /// inference-only kernel with the activation fused into the convolution.
    public static func cached(_ geometry: ConvolutionGeometry, hasBias: Bool, postOp: PostOp = .none) -> ConvolutionKernel {
        let key = Key(geometry: geometry, bias: hasBias, layout: activationLayout, postOp: postOp)
        cacheLock.lock()
        defer { cacheLock.unlock() }
        if let k = cache[key] { return k }
        let k = ConvolutionKernel(geometry, hasBias: hasBias, layout: activationLayout, postOp: postOp)
        cache[key] = k
        return k
    }

    init(_ geometry: ConvolutionGeometry, hasBias: Bool, layout: ActivationLayout, postOp: PostOp = .none) {
        self.geometry = geometry
        self.hasBias = hasBias
        self.layout = layout
        self.postOp = postOp
    }

    /// Primitive attributes carrying the fused activation (nil when there is none).
    private func makeAttributes() -> dnnl_primitive_attr_t? {
        guard postOp == .silu else { return nil }
        var attr: dnnl_primitive_attr_t?
        var ops: dnnl_post_ops_t?
        dnnlCheck(dnnl_primitive_attr_create(&attr), "primitive_attr_create")
        dnnlCheck(dnnl_post_ops_create(&ops), "post_ops_create")
        dnnlCheck(dnnl_post_ops_append_eltwise(ops, 1, dnnl_eltwise_swish, 1, 0), "post_ops_append_eltwise swish")
        dnnlCheck(dnnl_primitive_attr_set_post_ops(attr, ops), "primitive_attr_set_post_ops")
        dnnl_post_ops_destroy(ops)
        return attr
    }

    // MARK: descriptors

    /// Whether oneDNN 2.6 has a jit kernel for this convolution on 16-channel blocked data: plain and depth-wise
    /// convolutions (other grouped ones and channel counts off the block fall back to a reference kernel).
    private var blockable: Bool { geometry.groups == 1 || geometry.groups == geometry.inChannels }

    private func activationTag(channels: Int) -> dnnl_format_tag_t {
        switch layout {
        case .nchw: return dnnl_nchw
        case .nhwc: return dnnl_nhwc
        case .blocked16: return dnnl_aBcd16b
        case .any: return dnnl_format_tag_any
        case .auto:
            // Source and destination are chosen separately: a first layer (3 input channels) then reads NCHW and
            // writes blocked (oneDNN's first-layer jit kernel), and depth-wise convolutions stay blocked (with both
            // left to `any`, oneDNN picked NHWC: two activation reorders around each; yolo26n eval at 640 ran
            // 2369 reorders in 13 forwards, 468 after this and the prepared weights).
            if channels % 16 == 0 && blockable { return dnnl_aBcd16b }
            return dnnl_format_tag_any
        }
    }
    private var srcMD: dnnl_memory_desc_t {
        memoryDescriptor(geometry.inputShape, tag: activationTag(channels: geometry.inChannels))
    }
    private var dstMD: dnnl_memory_desc_t {
        memoryDescriptor(geometry.outputShape, tag: activationTag(channels: geometry.outChannels))
    }
    /// The backward passes use one tag for both sides, chosen by the input channels: with a plain source and a
    /// blocked gradient, oneDNN 2.6 takes a reference kernel for backward-weights (measured 4.6 s per call for the
    /// first layer at 320×16, against ~2 s for the whole step).
    private var backwardSrcMD: dnnl_memory_desc_t {
        memoryDescriptor(geometry.inputShape, tag: activationTag(channels: geometry.inChannels))
    }
    private var backwardDstMD: dnnl_memory_desc_t {
        memoryDescriptor(geometry.outputShape, tag: activationTag(channels: geometry.inChannels))
    }
    private var weightsAnyMD: dnnl_memory_desc_t { memoryDescriptor(groupedWeightShape, tag: dnnl_format_tag_any) }
    private var weightsPlainMD: dnnl_memory_desc_t {
        memoryDescriptor(groupedWeightShape, tag: geometry.groups > 1 ? dnnl_goihw : dnnl_oihw)
    }
    private var biasMD: dnnl_memory_desc_t { memoryDescriptor([geometry.outChannels], tag: dnnl_a) }
    private func userSrcMD(_ blocked: Bool) -> dnnl_memory_desc_t {
        memoryDescriptor(geometry.inputShape, tag: blocked ? dnnl_aBcd16b : dnnl_nchw)
    }
    private func userDstMD(_ blocked: Bool) -> dnnl_memory_desc_t {
        memoryDescriptor(geometry.outputShape, tag: blocked ? dnnl_aBcd16b : dnnl_nchw)
    }

    /// Whether the forward pass writes the 16-channel blocked layout natively (so its output can stay blocked).
    public var producesBlockedOutput: Bool {
        geometry.outChannels % 16 == 0 && sameLayout(makeForward().layout(dnnl_query_dst_md), userDstMD(true))
    }

    /// Whether backward-data writes the blocked layout natively.
    public var producesBlockedGradInput: Bool {
        geometry.inChannels % 16 == 0 && sameLayout(makeBackwardData().layout(dnnl_query_diff_src_md), userSrcMD(true))
    }

    private var groupedWeightShape: [Int] {
        let g = geometry
        if g.groups == 1 { return g.weightShape }
        return [g.groups, g.outChannels / g.groups, g.inChannels / g.groups, g.kernelHeight, g.kernelWidth]
    }
    private var strides: dnnl_dims_t { dimsTuple([geometry.strideHeight, geometry.strideWidth]) }
    private var dilates: dnnl_dims_t { dimsTuple([geometry.dilationHeight - 1, geometry.dilationWidth - 1]) }
    private var paddingL: dnnl_dims_t { dimsTuple([geometry.paddingHeight, geometry.paddingWidth]) }
    private var paddingR: dnnl_dims_t {
        // Right padding so that the output size matches PyTorch's floor division.
        let g = geometry
        let ph = (g.outHeight - 1) * g.strideHeight + (g.kernelHeight - 1) * g.dilationHeight + 1 - g.height - g.paddingHeight
        let pw = (g.outWidth - 1) * g.strideWidth + (g.kernelWidth - 1) * g.dilationWidth + 1 - g.width - g.paddingWidth
        return dimsTuple([ph, pw])
    }

    private func makeForward() -> DNNLPrimitive {
        if let p = forwardPD { return p }
        var desc = dnnl_convolution_desc_t()
        var src = srcMD, w = weightsAnyMD, b = biasMD, dst = dstMD
        var s = strides, d = dilates, l = paddingL, r = paddingR
        dnnlCheck(
            withPointers(&s, &d, &l, &r) { sp, dp, lp, rp in
                withUnsafePointer(to: &b) { bp in
                    dnnl_dilated_convolution_forward_desc_init(
                        &desc, postOp == .none ? dnnl_forward_training : dnnl_forward_inference, dnnl_convolution_direct,
                        &src, &w, hasBias ? bp : nil, &dst, sp, dp, lp, rp)
                }
            }, "convolution_forward_desc_init \(geometry)")
        let attr = makeAttributes()
        defer { if let attr { dnnl_primitive_attr_destroy(attr) } }
        let p = DNNLPrimitive(&desc, attributes: attr, "conv forward pd \(geometry)")
        forwardPD = p
        return p
    }

    private func makeBackwardData() -> DNNLPrimitive {
        if let p = backwardDataPD { return p }
        precondition(postOp == .none, "a convolution with a fused activation is inference-only")
        let hint = makeForward()
        var desc = dnnl_convolution_desc_t()
        var src = backwardSrcMD, w = weightsAnyMD, dst = backwardDstMD
        var s = strides, d = dilates, l = paddingL, r = paddingR
        dnnlCheck(
            withPointers(&s, &d, &l, &r) { sp, dp, lp, rp in
                dnnl_dilated_convolution_backward_data_desc_init(
                    &desc, dnnl_convolution_direct, &src, &w, &dst, sp, dp, lp, rp)
            }, "convolution_backward_data_desc_init \(geometry)")
        let p = DNNLPrimitive(&desc, hint: hint, "conv backward-data pd \(geometry)")
        backwardDataPD = p
        return p
    }

    private func makeBackwardWeights() -> DNNLPrimitive {
        if let p = backwardWeightsPD { return p }
        precondition(postOp == .none, "a convolution with a fused activation is inference-only")
        let hint = makeForward()
        var desc = dnnl_convolution_desc_t()
        var src = backwardSrcMD, w = weightsAnyMD, b = biasMD, dst = backwardDstMD
        var s = strides, d = dilates, l = paddingL, r = paddingR
        dnnlCheck(
            withPointers(&s, &d, &l, &r) { sp, dp, lp, rp in
                withUnsafePointer(to: &b) { bp in
                    dnnl_dilated_convolution_backward_weights_desc_init(
                        &desc, dnnl_convolution_direct, &src, &w, hasBias ? bp : nil, &dst, sp, dp, lp, rp)
                }
            }, "convolution_backward_weights_desc_init \(geometry)")
        let p = DNNLPrimitive(&desc, hint: hint, "conv backward-weights pd \(geometry)")
        backwardWeightsPD = p
        return p
    }

    /// Implementation names oneDNN chose, per pass (for `ONEDNN_VERBOSE`-like checks in the benchmark).
    public var implementations: [String] {
        postOp != .none ? [makeForward().implementation]
            : [makeForward().implementation, makeBackwardData().implementation, makeBackwardWeights().implementation]
    }

    // MARK: memory plumbing

    /// Memory for `user` (canonical layout) as `wanted`: the user buffer itself, or a scratch buffer after a reorder.
    private func input(_ name: String, user: UnsafeRawPointer, plain: dnnl_memory_desc_t, wanted: dnnl_memory_desc_t)
        -> DNNLMemory
    {
        let userMem = memory("user-\(name)", plain)
        userMem.bind(user)
        if sameLayout(plain, wanted) { return userMem }
        let target = memory("scratch-\(name)", wanted, owned: true)
        reorder(name, plain, wanted).run(from: userMem, to: target)
        return target
    }

    /// Memory the primitive writes as `produced`; `finish()` copies it into `user` when layouts differ.
    private func output(_ name: String, user: UnsafeMutableRawPointer, plain: dnnl_memory_desc_t,
                        produced: dnnl_memory_desc_t) -> (DNNLMemory, () -> Void)
    {
        let userMem = memory("user-\(name)", plain)
        userMem.bind(user)
        if sameLayout(plain, produced) { return (userMem, {}) }
        let target = memory("scratch-\(name)", produced, owned: true)
        let r = reorder("\(name)-back", produced, plain)
        return (target, { r.run(from: target, to: userMem) })
    }

    private func memory(_ key: String, _ md: dnnl_memory_desc_t, owned: Bool = false) -> DNNLMemory {
        if let m = scratch[key], sameLayout(m.descriptor, md) { return m }
        let m = owned ? DNNLMemory(md) : DNNLMemory(md, pointer: UnsafeMutableRawPointer(bitPattern: 64))
        scratch[key] = m
        return m
    }

    private func reorder(_ key: String, _ from: dnnl_memory_desc_t, _ to: dnnl_memory_desc_t) -> DNNLReorder {
        if let r = reorders[key], sameLayout(r.from, from), sameLayout(r.to, to) { return r }
        let r = DNNLReorder(from: from, to: to)
        reorders[key] = r
        return r
    }

    // MARK: passes

    /// Weights already in this kernel's forward layout (reordered once), for weights that no longer change.
    public final class PreparedWeights: @unchecked Sendable {
        let memory: DNNLMemory
        let kernel: ObjectIdentifier
        init(memory: DNNLMemory, kernel: ObjectIdentifier) { (self.memory, self.kernel) = (memory, kernel) }
        /// Whether these weights were prepared by `kernel` (only that kernel's primitive can use them).
        public func belongs(to kernel: ConvolutionKernel) -> Bool { self.kernel == ObjectIdentifier(kernel) }
    }

    /// `weight[O,C/g,KH,KW]` reordered now into the forward primitive's weight layout: inference with fixed (fused)
    /// weights passes it to every `forward` instead of reordering the weights on each call (measured: weight
    /// reorders were ~25 % of yolo26n's eval forward at 640).
    public func prepareWeights(_ weight: UnsafePointer<Float>) -> PreparedWeights {
        let wanted = makeForward().layout(dnnl_query_weights_md)
        let plain = weightsPlainMD
        let user = DNNLMemory(plain, pointer: UnsafeMutableRawPointer(mutating: weight))
        let target = DNNLMemory(wanted)
        reorder("prepare-w", plain, wanted).run(from: user, to: target)
        return PreparedWeights(memory: target, kernel: ObjectIdentifier(self))
    }

    /// output[N,O,OH,OW] = conv(input[N,C,H,W], weight[O,C/g,KH,KW]) + bias[O]; `prepared` (from `prepareWeights` of
    /// this kernel, for the same weights) skips the weight reorder.
    public func forward(input: UnsafePointer<Float>, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                        output: UnsafeMutablePointer<Float>, inputBlocked: Bool = false, outputBlocked: Bool = false,
                        prepared: PreparedWeights? = nil)
    {
        let p = makeForward()
        let src = self.input("src", user: input, plain: userSrcMD(inputBlocked), wanted: p.layout(dnnl_query_src_md))
        let w = prepared.flatMap { $0.belongs(to: self) ? $0.memory : nil }
            ?? self.input("w", user: weight, plain: weightsPlainMD, wanted: p.layout(dnnl_query_weights_md))
        let (dst, finish) = self.output("dst", user: output, plain: userDstMD(outputBlocked),
                                        produced: p.layout(dnnl_query_dst_md))
        var args = [(DNNLArg.src, src), (DNNLArg.weights, w), (DNNLArg.dst, dst)]
        if hasBias, let bias {
            let b = memory("user-b", biasMD)
            b.bind(bias)
            args.append((DNNLArg.bias, b))
        }
        p.execute(args)
        finish()
    }

    /// gradInput[N,C,H,W] = conv_transpose(gradOutput, weight) (overwritten, not accumulated).
    public func backwardData(gradOutput: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                             gradInput: UnsafeMutablePointer<Float>, gradOutputBlocked: Bool = false,
                             gradInputBlocked: Bool = false)
    {
        let p = makeBackwardData()
        let dd = self.input("ddst", user: gradOutput, plain: userDstMD(gradOutputBlocked),
                            wanted: p.layout(dnnl_query_diff_dst_md))
        let w = self.input("wbd", user: weight, plain: weightsPlainMD, wanted: p.layout(dnnl_query_weights_md))
        let (ds, finish) = self.output(
            "dsrc", user: gradInput, plain: userSrcMD(gradInputBlocked), produced: p.layout(dnnl_query_diff_src_md))
        p.execute([(DNNLArg.diffDst, dd), (DNNLArg.weights, w), (DNNLArg.diffSrc, ds)])
        finish()
    }

    /// gradWeight[O,C/g,KH,KW] (and gradBias[O]) from input and gradOutput (overwritten, not accumulated).
    public func backwardWeights(input: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>,
                                gradWeight: UnsafeMutablePointer<Float>, gradBias: UnsafeMutablePointer<Float>?,
                                inputBlocked: Bool = false, gradOutputBlocked: Bool = false)
    {
        let p = makeBackwardWeights()
        let src = self.input("srcbw", user: input, plain: userSrcMD(inputBlocked), wanted: p.layout(dnnl_query_src_md))
        let dd = self.input("ddstbw", user: gradOutput, plain: userDstMD(gradOutputBlocked),
                            wanted: p.layout(dnnl_query_diff_dst_md))
        let (dw, finish) = self.output(
            "dw", user: gradWeight, plain: weightsPlainMD, produced: p.layout(dnnl_query_diff_weights_md))
        var args = [(DNNLArg.src, src), (DNNLArg.diffDst, dd), (DNNLArg.diffWeights, dw)]
        var scratchBias: UnsafeMutablePointer<Float>?
        if hasBias {
            let b = memory("user-db", biasMD)
            if let gradBias {
                b.bind(gradBias)
            } else {
                scratchBias = .allocate(capacity: geometry.outChannels)
                b.bind(scratchBias!)
            }
            args.append((DNNLArg.diffBias, b))
        }
        p.execute(args)
        finish()
        scratchBias?.deallocate()
    }
}

/// Calls `body` with pointers to four `dnnl_dims_t` values as `dnnl_dim_t` arrays.
func withPointers<R>(
    _ a: inout dnnl_dims_t, _ b: inout dnnl_dims_t, _ c: inout dnnl_dims_t, _ d: inout dnnl_dims_t,
    _ body: (UnsafePointer<dnnl_dim_t>, UnsafePointer<dnnl_dim_t>, UnsafePointer<dnnl_dim_t>, UnsafePointer<dnnl_dim_t>)
        -> R
) -> R {
    withUnsafePointer(to: &a) { pa in
        withUnsafePointer(to: &b) { pb in
            withUnsafePointer(to: &c) { pc in
                withUnsafePointer(to: &d) { pd in
                    body(
                        UnsafeRawPointer(pa).assumingMemoryBound(to: dnnl_dim_t.self),
                        UnsafeRawPointer(pb).assumingMemoryBound(to: dnnl_dim_t.self),
                        UnsafeRawPointer(pc).assumingMemoryBound(to: dnnl_dim_t.self),
                        UnsafeRawPointer(pd).assumingMemoryBound(to: dnnl_dim_t.self))
                }
            }
        }
    }
}
