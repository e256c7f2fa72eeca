import NN
import Tensors

/// `DFL(c1)`: softmax over `c1` bins per box side and the expectation with weights 0…c1−1 (a frozen 1×1 conv).
public final class DFL: Module {
    public let conv: Conv2d
    public let bins: Int

    public init(_ bins: Int = 16, random: inout RandomSource) {
        self.bins = bins
        conv = Conv2d(inputChannels: bins, outputChannels: 1, kernelSize: 1, bias: false, random: &random)
        conv.weight.requiringGrad(false)
        super.init()
        register(child: conv, as: "conv")
        setBins()
    }

    /// The fixed weights 0, 1, …, bins − 1 (the reference overwrites its randomly initialised conv with them).
    public func setBins() {
        for i in 0..<bins { conv.weight.mutableData[i] = Float(i) }
    }

    /// `[B, 4·bins, A]` → `[B, 4, A]` distances in grid units.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        let (b, a) = (x.shape[0], x.shape[2])
        let p = x.reshaped([b, 4, bins, a]).softmax(axis: 2)
        return (p * conv.weight.detached().reshaped([1, 1, bins, 1])).sum(axis: 2)
    }
}

/// Raw outputs of one detection head: box regression `[B, 4·reg_max, A]`, class logits `[B, nc, A]`, and the
/// input feature maps.
public struct HeadOutput {
    public var boxes: Tensor
    public var scores: Tensor
    public var feats: [Tensor]
}

/// What `Detect` returns in training: the one-to-many head, and for YOLO26 the one-to-one head (fed detached
/// features so it does not train the backbone).
public struct DetectOutput {
    public var oneToMany: HeadOutput
    public var oneToOne: HeadOutput?
}

/// `Detect(nc, reg_max, end2end, ch)`: per level a box branch (cv2) and a class branch (cv3); YOLO26 adds copies
/// `one2one_cv2` / `one2one_cv3`. `legacy` (YOLOv8) uses plain 3×3 convs in the class branch.
public final class Detect: Module {
    public let nc: Int, nl: Int, regMax: Int
    public let legacy: Bool
    public var stride: [Float]
    public let cv2: ModuleList, cv3: ModuleList
    public let dfl: DFL?
    public let oneToOneCv2: ModuleList?, oneToOneCv3: ModuleList?
    /// Use the one-to-one head for inference (`nms=False`); the reference's default after loading is false.
    public var endToEnd = false
    /// Detections kept by the end-to-end postprocess.
    public var maxDet = 300

    public init(nc: Int, regMax: Int = 16, endToEnd: Bool = false, channels ch: [Int], legacy: Bool,
                random: inout RandomSource) {
        self.nc = nc
        nl = ch.count
        self.regMax = regMax
        self.legacy = legacy
        stride = [Float](repeating: 0, count: ch.count)
        let c2 = max(16, ch[0] / 4, regMax * 4), c3 = max(ch[0], min(nc, 100))
        func boxBranch(_ random: inout RandomSource) -> ModuleList {
            ModuleList(ch.map { x in
                Sequential([Conv(x, c2, k: 3, random: &random), Conv(c2, c2, k: 3, random: &random),
                            Conv2d(inputChannels: c2, outputChannels: 4 * regMax, kernelSize: 1, random: &random)])
            })
        }
        func classBranch(_ random: inout RandomSource) -> ModuleList {
            ModuleList(ch.map { x in
                if legacy {
                    return Sequential([Conv(x, c3, k: 3, random: &random), Conv(c3, c3, k: 3, random: &random),
                                       Conv2d(inputChannels: c3, outputChannels: nc, kernelSize: 1, random: &random)])
                }
                return Sequential([
                    Sequential([Conv.depthwise(x, x, k: 3, random: &random), Conv(x, c3, random: &random)]),
                    Sequential([Conv.depthwise(c3, c3, k: 3, random: &random), Conv(c3, c3, random: &random)]),
                    Conv2d(inputChannels: c3, outputChannels: nc, kernelSize: 1, random: &random),
                ])
            })
        }
        cv2 = boxBranch(&random)
        cv3 = classBranch(&random)
        dfl = regMax > 1 ? DFL(regMax, random: &random) : nil
        if endToEnd {
            // deepcopy in the reference: the one-to-one head starts with the same values.
            oneToOneCv2 = boxBranch(&random)
            oneToOneCv3 = classBranch(&random)
        } else {
            oneToOneCv2 = nil
            oneToOneCv3 = nil
        }
        super.init()
        register(child: cv2, as: "cv2")
        register(child: cv3, as: "cv3")
        register(child: dfl ?? Marker(.identity), as: "dfl")
        if let oneToOneCv2, let oneToOneCv3 {
            register(child: oneToOneCv2, as: "one2one_cv2")
            register(child: oneToOneCv3, as: "one2one_cv3")
        }
        copyOneToManyIntoOneToOne()
    }

    /// The reference's `deepcopy` of cv2 / cv3 into the one-to-one head: the same starting values.
    public func copyOneToManyIntoOneToOne() {
        guard let oneToOneCv2, let oneToOneCv3 else { return }
        for (dst, src) in zip(oneToOneCv2.stateDict() + oneToOneCv3.stateDict(), cv2.stateDict() + cv3.stateDict()) {
            dst.tensor.assign(src.tensor)
        }
    }

    /// The reference's bias initialisation: box biases 2.0, class biases log(5 / nc / (640 / stride)²).
    public func initializeBiases() {
        let heads = [(cv2, cv3)] + (oneToOneCv2.map { [($0, oneToOneCv3!)] } ?? [])
        for (box, cls) in heads {
            for i in 0..<nl {
                let b = (box.layers[i] as! Sequential).layers.last as! Conv2d
                let c = (cls.layers[i] as! Sequential).layers.last as! Conv2d
                b.bias!.mutableData.update(repeating: 2.0, count: b.bias!.count)
                let v = Float(log(5 / Double(nc) / pow(640 / Double(stride[i]), 2)))
                c.bias!.mutableData.update(repeating: v, count: c.bias!.count)
            }
        }
    }

    func head(_ x: [Tensor], box: ModuleList, cls: ModuleList) -> HeadOutput {
        let b = x[0].shape[0]
        let boxes = Tensor.concat((0..<nl).map { box.layers[$0](x[$0]).reshaped([b, 4 * regMax, -1]) }, axis: -1)
        let scores = Tensor.concat((0..<nl).map { cls.layers[$0](x[$0]).reshaped([b, nc, -1]) }, axis: -1)
        return HeadOutput(boxes: boxes, scores: scores, feats: x)
    }

    /// Raw head outputs for feature maps P3, P4, P5.
    public func callAsFunction(_ x: [Tensor]) -> DetectOutput {
        let o2m = head(x, box: cv2, cls: cv3)
        guard let oneToOneCv2, let oneToOneCv3 else { return DetectOutput(oneToMany: o2m, oneToOne: nil) }
        let feats = isTraining ? x.map { $0.detached() } : x
        return DetectOutput(oneToMany: o2m, oneToOne: head(feats, box: oneToOneCv2, cls: oneToOneCv3))
    }
}

import Foundation
