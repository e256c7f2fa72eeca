import Foundation
import NN
import Tensors

extension DetectionModel {
    /// Leaf modules (modules without children), the reference's "layers" count. Its Convs share one SiLU
    /// instance (`Conv.default_act`), which PyTorch's module walk counts once — plus one more in each deep-copied
    /// one-to-one branch of YOLO26's head.
    public var layerCount: Int {
        func isSiLU(_ m: Module) -> Bool { (m as? Marker)?.kind == .silu }
        let leaves = modules().filter { $0.children.isEmpty }
        let copies = [detect.oneToOneCv2, detect.oneToOneCv3].compactMap { $0 }
            .filter { $0.modules().contains(where: isSiLU) }.count
        let silu = leaves.filter(isSiLU).count
        return leaves.count - silu + (silu > 0 ? 1 : 0) + copies
    }

    /// Parameter elements that receive gradients.
    public var gradientCount: Int { namedParameters().filter { $0.tensor.requiresGrad }.reduce(0) { $0 + $1.tensor.count } }

    /// GFLOPs of one forward at `imgsz` as the reference reports them (thop's MACs × 2, counted on a real forward
    /// at that size because attention grows with the square of the positions).
    public func gflops(imgsz: Int = 640) -> Double {
        let wasTraining = isTraining
        eval()
        defer { train(wasTraining) }
        let macs = FlopCounter.count { _ = noGrad { self(Tensor.zeros([1, 3, imgsz, imgsz])) } }
        return macs * 2 / 1e9
    }

    /// The reference's summary line, e.g. `YOLO26n summary: 260 layers, 2,572,280 parameters, 2,572,280 gradients, 6.2 GFLOPs`.
    public func summaryLine(imgsz: Int = 640) -> String {
        let stem = ((definition.name as NSString).lastPathComponent as NSString).deletingPathExtension
        var title = stem.replacingOccurrences(of: "yolo", with: "YOLO")
        if !definition.scale.isEmpty, ModelDefinition.scale(inFileName: stem) == nil {
            title = ModelDefinition.unifiedName(stem + ".yaml").replacingOccurrences(of: ".yaml", with: "")
                .replacingOccurrences(of: "yolo", with: "YOLO") + definition.scale
        }
        return "\(title) summary: \(layerCount) layers, \(grouped(parameterCount)) parameters, "
            + "\(grouped(gradientCount)) gradients, \(String(format: "%.1f", gflops(imgsz: imgsz))) GFLOPs"
    }

    /// The layer table `parse_model` prints.
    public var layerTable: String {
        var lines = ["   " + "from".leftPadded(20) + "  n" + "params".leftPadded(10) + "  " + "module".padding(toLength: 45, withPad: " ", startingAt: 0) + "arguments"]
        for n in nodes {
            let from = n.from.count == 1 && !(definition.rows[n.index].fromIsList) ? "\(n.from[0])" : "[" + n.from.map(String.init).joined(separator: ", ") + "]"
            lines.append("\(n.index)".leftPadded(3) + from.leftPadded(20) + "\(n.repeats)".leftPadded(3)
                         + "\(n.module.parameterCount)".leftPadded(10) + "  "
                         + n.type.padding(toLength: 45, withPad: " ", startingAt: 0) + n.arguments)
        }
        return lines.joined(separator: "\n")
    }
}

/// 2572280 → "2,572,280".
func grouped(_ n: Int) -> String {
    let s = String(n)
    var out = ""
    for (i, ch) in s.enumerated() {
        if i > 0 && (s.count - i) % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return out
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
