import Tensors

/// Ultralytics' MuSGD (`ultralytics/optim/muon.py`): groups with `useMuon` get an orthogonalised Muon update
/// (Newton–Schulz on the Nesterov momentum, scaled by `muon`·lr) and then an SGD update with their own buffer and
/// weight decay (scaled by `sgd`·lr); other groups get plain SGD (momentum, decay, Nesterov; buffers start at zero).
public final class MuSGD: Optimizer {
    public let name = "MuSGD"
    public var groups: [ParameterGroup]
    public let state = OptimizerState()
    /// Learning-rate factors of the Muon and SGD parts (the reference builds it with 0.2 and 1.0).
    public let muon: Double, sgd: Double

    public init(groups: [ParameterGroup], muon: Double = 0.2, sgd: Double = 1.0) {
        self.groups = groups
        (self.muon, self.sgd) = (muon, sgd)
    }

    /// The Muon part for one group: momentum, Nesterov, then Newton–Schulz in the reference's buckets (same column
    /// count and scale, rows within 16× of the bucket's largest, zero-padded to it), then p += alpha·scale·O.
    func muonStep(_ params: [Tensor], momentum: Double, nesterov: Bool, alpha: Float) {
        let m = Float(momentum), oneMinusBeta = Float(1 - momentum)
        struct Item { let index: Int, rows: Int, cols: Int, scale: Float, update: [Float] }
        var items: [Item] = []
        for (index, p) in params.enumerated() {
            let g = p.grad!.data, count = p.count
            let buf = state.tensor("momentum_buffer", of: p) { .zeros(p.shape) }.mutableData
            var update = [Float](repeating: 0, count: count)
            for i in 0..<count {
                buf[i] = (buf[i] * m).addingProduct(g[i], oneMinusBeta)
                update[i] = nesterov ? (buf[i] * m).addingProduct(g[i], oneMinusBeta) : buf[i]
            }
            // sqrt(max(1, size(-2)/size(-1))) of the parameter's own shape (for conv weights kh/kw), as the reference.
            let scale = Float(max(1, Double(p.shape[p.rank - 2]) / Double(p.shape[p.rank - 1])).squareRoot())
            let rows = p.shape[0]
            items.append(Item(index: index, rows: rows, cols: count / max(rows, 1), scale: scale, update: update))
        }
        var buckets: [[Item]] = []
        var keys: [String] = []
        for item in items {
            let key = "\(item.cols) \(item.scale)"
            if let i = keys.firstIndex(of: key) { buckets[i].append(item) } else {
                keys.append(key)
                buckets.append([item])
            }
        }
        for bucket in buckets {
            let sorted = bucket.enumerated().sorted { ($0.element.rows, $1.offset) > ($1.element.rows, $0.offset) }.map(\.element)
            var start = 0
            for j in 1...sorted.count where j == sorted.count || sorted[start].rows > 16 * sorted[j].rows {
                let part = sorted[start..<j], rows = part.first!.rows, cols = part.first!.cols
                var padded = [Float](repeating: 0, count: part.count * rows * cols)
                for (b, item) in part.enumerated() {
                    padded.replaceSubrange(b * rows * cols..<b * rows * cols + item.update.count, with: item.update)
                }
                let out = NewtonSchulz.orthogonalize(batch: padded, count: part.count, rows: rows, cols: cols)
                for (b, item) in part.enumerated() {
                    let w = params[item.index].mutableData, o = b * rows * cols
                    for i in 0..<item.update.count { w[i] = w[i].addingProduct(out[o + i] * item.scale, alpha) }
                }
                start = j
            }
        }
    }

    public func step() {
        for group in groups {
            let params = group.steppable
            if params.isEmpty { continue }
            var lr = group.lr
            let momentum = group.momentum ?? 0
            let m = Float(momentum)
            if group.useMuon {
                muonStep(params, momentum: momentum, nesterov: group.nesterov, alpha: Float(-(lr * muon)))
                lr *= sgd
            }
            let key = group.useMuon ? "momentum_buffer_SGD" : "momentum_buffer"
            let wd = Float(group.weightDecay), negLR = Float(-lr)
            for p in params {
                let g = p.grad!.data, w = p.mutableData
                let buf = state.tensor(key, of: p) { .zeros(p.shape) }.mutableData
                for i in 0..<p.count {
                    let d = wd == 0 ? g[i] : g[i].addingProduct(w[i], wd)
                    let b = buf[i] * m + d
                    buf[i] = b
                    let step = group.nesterov ? d.addingProduct(b, m) : b
                    w[i] = w[i].addingProduct(step, negLR)
                }
            }
        }
    }
}
