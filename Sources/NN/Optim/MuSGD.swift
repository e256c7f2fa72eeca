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

    public func step() {
        for group in groups {
            let params = group.steppable
            if params.isEmpty { continue }
            var lr = group.lr
            let momentum = group.momentum ?? 0
            let m = Float(momentum)
            if group.useMuon {
                let oneMinusBeta = Float(1 - momentum), alpha = Float(-(lr * muon))
                for p in params {
                    let g = p.grad!.data, count = p.count
                    let buf = state.tensor("momentum_buffer", of: p) { .zeros(p.shape) }.mutableData
                    var update = [Float](repeating: 0, count: count)
                    for i in 0..<count {
                        buf[i] = (buf[i] * m).addingProduct(g[i], oneMinusBeta)
                        update[i] = group.nesterov ? (buf[i] * m).addingProduct(g[i], oneMinusBeta) : buf[i]
                    }
                    let rows = p.shape[0], cols = count / max(rows, 1)
                    let scale = Float(max(1, Double(p.shape[p.rank - 2]) / Double(p.shape[p.rank - 1])).squareRoot())
                    let orthogonal = NewtonSchulz.orthogonalize(update, rows: rows, cols: cols)
                    let w = p.mutableData
                    for i in 0..<count { w[i] = w[i].addingProduct(orthogonal[i] * scale, alpha) }
                }
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
