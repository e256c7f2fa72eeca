import Foundation
import NN
import Tensors

/// A YOLO detection model built from a `ModelDefinition` exactly as the reference's `parse_model` builds it:
/// layers `model.0 … model.N` with Ultralytics' state-dict names, the save list, strides and bias initialisation.
public final class DetectionModel: Module {
    /// One layer of the graph: where its inputs come from and the module.
    public struct Node {
        public let index: Int
        public let from: [Int]
        public let module: Module
        public let type: String
        public let repeats: Int
        public let arguments: String
    }

    public let definition: ModelDefinition
    public let nodes: [Node]
    public let layers: LayerList
    /// Indices whose outputs later layers read.
    public let save: [Int]
    public var detect: Detect { nodes.last!.module as! Detect }
    public var nc: Int { detect.nc }
    public var stride: [Float] { detect.stride }

    /// Builds the model for `nc` classes (nil: the yaml's) with the initial weights the reference gets from
    /// `torch.manual_seed(seed)` (see `resetParameters(seed:)`).
    public init(_ definition: ModelDefinition, nc: Int? = nil, seed: UInt64 = 0) throws {
        var def = definition
        if let nc { def.nc = nc }
        self.definition = def
        var random = RandomSource(seed: seed).derived("init")  // construction only: every conv is re-drawn below
        var nodes: [Node] = []
        var ch = [3]
        var save = Set<Int>()
        var legacy = true
        func fail(_ i: Int, _ what: String) -> ModelDefinition.DefinitionError {
            .init(file: def.name, problem: "layer \(i): \(what)")
        }
        for (i, row) in def.rows.enumerated() {
            let name = row.module.hasPrefix("nn.") ? String(row.module.dropFirst(3)) : row.module
            var args = row.args.map { a -> ModelDefinition.Argument in
                if case .string("nc") = a { return .int(def.nc) }
                return a
            }
            let resolved = row.from.map { $0 < 0 ? i + $0 : $0 }
            guard resolved.allSatisfy({ $0 >= 0 && $0 < i }) || i == 0 else { throw fail(i, "'from' \(row.from) points outside 0..<\(i)") }
            let chIn = { (f: Int) -> Int in f < 0 ? ch[ch.count + f] : ch[f] }
            var n = row.repeats > 1 ? max(Int((Double(row.repeats) * def.depth).rounded(.toNearestOrEven)), 1) : row.repeats
            let nShown = n
            var c2: Int
            var build: (inout RandomSource) throws -> Module
            let base: Set<String> = ["Conv", "DWConv", "Bottleneck", "C2f", "C3", "C3k2", "C3k", "SPPF", "C2PSA"]
            if base.contains(name) {
                guard let first = args.first?.int else { throw fail(i, "\(name) needs output channels as its first argument") }
                let c1 = chIn(row.from[0])
                c2 = makeDivisible(Double(min(first, def.maxChannels)) * def.width, 8)
                args = [.int(c1), .int(c2)] + args.dropFirst()
                if ["C2f", "C3", "C3k2", "C2PSA"].contains(name) {
                    args.insert(.int(n), at: 2)
                    n = 1
                }
                if name == "C3k2" {
                    legacy = false
                    if ["m", "l", "x"].contains(def.scale) {
                        if args.count > 3 { args[3] = .bool(true) } else { args.append(.bool(true)) }
                    }
                }
                let a = args
                let isLegacySPPF = a.count <= 3
                build = { random in try makeBlock(name, a, legacySPPF: isLegacySPPF, random: &random) }
            } else if name == "Concat" {
                c2 = row.from.reduce(0) { $0 + chIn($1) }
                build = { _ in Marker(.concat) }
            } else if name == "Upsample" {
                c2 = chIn(row.from[0])
                let scale = args.count > 1 ? (args[1].int ?? Int(args[1].double ?? 2)) : 2
                build = { _ in Marker(.upsample, size: scale) }
            } else if name == "Detect" {
                c2 = 0
                let channels = row.from.map(chIn)
                let classes = args.first?.int ?? def.nc
                let isLegacy = legacy
                args = [.int(classes), .int(def.regMax), .bool(def.endToEnd), .list(channels.map { .int($0) })]
                build = { random in
                    Detect(nc: classes, regMax: def.regMax, endToEnd: def.endToEnd, channels: channels, legacy: isLegacy,
                           random: &random)
                }
            } else {
                throw fail(i, "module '\(row.module)' is not supported (supported: Conv, DWConv, Bottleneck, C2f, C3, C3k, C3k2, SPPF, C2PSA, Concat, nn.Upsample, Detect)")
            }
            let module: Module
            if n > 1 {
                var blocks: [UnaryLayer] = []
                for _ in 0..<n {
                    guard let b = try build(&random) as? UnaryLayer else { throw fail(i, "\(name) cannot repeat") }
                    blocks.append(b)
                }
                module = Sequential(blocks)
            } else {
                module = try build(&random)
            }
            nodes.append(Node(index: i, from: row.fromIsList ? row.from : [row.from[0]], module: module, type: name,
                              repeats: nShown, arguments: "[" + args.map(\.description).joined(separator: ", ") + "]"))
            for f in row.from where f != -1 { save.insert(f < 0 ? f + i : f) }
            if i == 0 { ch = [] }
            ch.append(c2)
        }
        guard nodes.last?.module is Detect else {
            throw ModelDefinition.DefinitionError(file: def.name, problem: "the last layer must be Detect")
        }
        self.nodes = nodes
        self.save = save.sorted()
        layers = LayerList(nodes.map(\.module))
        super.init()
        register(child: layers, as: "model")
        resetParameters(seed: seed)
        computeStrides()
        detect.initializeBiases()
    }

    /// Strides from a dry run on a 256×256 image (eval mode, no gradients), as the reference does.
    func computeStrides() {
        let s = 256
        let wasTraining = isTraining
        eval()
        let feats = noGrad { forwardFeatures(Tensor.zeros([1, 3, s, s])) }
        detect.stride = feats.map { Float(s) / Float($0.shape[2]) }
        train(wasTraining)
    }

    /// Runs the graph up to Detect's inputs (P3, P4, P5 feature maps).
    public func forwardFeatures(_ x: Tensor) -> [Tensor] {
        var outputs = [Tensor?](repeating: nil, count: nodes.count)
        var last = x
        for node in nodes.dropLast() {
            let inputs = node.from.map { $0 == -1 ? last : outputs[$0 < 0 ? node.index + $0 : $0]! }
            if case .concat? = (node.module as? Marker)?.kind {
                last = Tensor.concat(inputs, axis: 1)
            } else {
                last = (node.module as! UnaryLayer)(inputs[0])
            }
            outputs[node.index] = save.contains(node.index) ? last : nil
        }
        let head = nodes.last!
        return head.from.map { $0 == -1 ? last : outputs[$0 < 0 ? head.index + $0 : $0]! }
    }

    /// Training-mode output: raw head outputs (`[B, 4·reg_max, A]` boxes, `[B, nc, A]` scores per head).
    public func callAsFunction(_ x: Tensor) -> DetectOutput { detect(forwardFeatures(x)) }

    /// Eval output as the reference returns it: `[B, 4 + nc, A]`, or `[B, 300, 6]` with `detect.endToEnd`.
    public func predict(_ x: Tensor) -> Tensor { detect.inference(self(x)) }
}

/// The `model` child: layers named "0", "1", … like the reference's nn.Sequential.
public final class LayerList: Module {
    public init(_ modules: [Module]) {
        super.init()
        for (i, m) in modules.enumerated() { register(child: m, as: "\(i)") }
    }
}

/// The smallest multiple of `divisor` ≥ x.
public func makeDivisible(_ x: Double, _ divisor: Int) -> Int { Int((x / Double(divisor)).rounded(.up)) * divisor }

/// One block from its scaled arguments `[c1, c2, …]`.
func makeBlock(_ name: String, _ a: [ModelDefinition.Argument], legacySPPF: Bool, random: inout RandomSource) throws -> Module {
    func int(_ i: Int, _ d: Int) -> Int { i < a.count ? (a[i].int ?? d) : d }
    func bool(_ i: Int, _ d: Bool) -> Bool { i < a.count ? (a[i].bool ?? d) : d }
    func dbl(_ i: Int, _ d: Double) -> Double { i < a.count ? (a[i].double ?? d) : d }
    let c1 = int(0, 0), c2 = int(1, 0)
    switch name {
    case "Conv":
        let k = int(2, 1)
        let p: Int? = 4 < a.count ? a[4].int : nil
        return Conv(c1, c2, k: k, s: int(3, 1), p: p, g: int(5, 1), d: int(6, 1), act: bool(7, true), random: &random)
    case "DWConv": return Conv.depthwise(c1, c2, k: int(2, 1), s: int(3, 1), act: bool(4, true), random: &random)
    case "Bottleneck": return Bottleneck(c1, c2, shortcut: bool(2, true), g: int(3, 1), e: dbl(5, 0.5), random: &random)
    case "C2f": return C2f(c1, c2, n: int(2, 1), shortcut: bool(3, false), g: int(4, 1), e: dbl(5, 0.5), random: &random)
    case "C3": return C3(c1, c2, n: int(2, 1), shortcut: bool(3, true), g: int(4, 1), e: dbl(5, 0.5), random: &random)
    case "C3k": return C3k(c1, c2, n: int(2, 1), shortcut: bool(3, true), g: int(4, 1), e: dbl(5, 0.5), k: int(6, 3), random: &random)
    case "C3k2":
        return C2f.c3k2(c1, c2, n: int(2, 1), c3k: bool(3, false), e: dbl(4, 0.5), attn: bool(5, false), g: int(6, 1),
                        shortcut: bool(7, true), random: &random)
    case "SPPF": return SPPF(c1, c2, k: int(2, 5), n: int(3, 3), shortcut: bool(4, false), legacy: legacySPPF, random: &random)
    case "C2PSA": return C2PSA(c1, c2, n: int(2, 1), e: dbl(3, 0.5), random: &random)
    default: throw ModelDefinition.DefinitionError(file: "", problem: "unknown module \(name)")
    }
}

extension DetectionModel {
    /// Folds every Conv's BatchNorm into its weights for fast eval forwards (see `Conv.fuse()`).
    public func fuse() {
        for case let c as Conv in modules() { c.fuse() }
    }
}
