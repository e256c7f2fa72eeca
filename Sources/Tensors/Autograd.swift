/// One recorded operation: its inputs and how to turn the output's gradient into theirs.
final class AutogradNode {
    let name: String
    let inputs: [Tensor]
    /// Gradient of the output → gradients of `inputs` (nil where an input needs none).
    let backward: (Tensor) -> [Tensor?]

    init(name: String, inputs: [Tensor], backward: @escaping (Tensor) -> [Tensor?]) {
        self.name = name
        self.inputs = inputs
        self.backward = backward
    }
}

/// Whether operations record the graph (turned off inside `noGrad`).
public enum GradMode {
    nonisolated(unsafe) static var enabled = true

    /// True when new operations are recorded.
    public static var isEnabled: Bool { enabled }
}

/// Runs `body` without recording operations (evaluation, EMA and optimizer updates).
public func noGrad<R>(_ body: () throws -> R) rethrows -> R {
    let previous = GradMode.enabled
    GradMode.enabled = false
    defer { GradMode.enabled = previous }
    return try body()
}

extension Tensor {
    /// Records `self` as the output of `name` over `inputs` when any input needs gradients.
    @discardableResult @usableFromInline
    func recorded(_ name: String, _ inputs: [Tensor], _ backward: @escaping (Tensor) -> [Tensor?]) -> Tensor {
        guard GradMode.enabled, inputs.contains(where: \.requiresGrad) else { return self }
        requiresGrad = true
        node = AutogradNode(name: name, inputs: inputs, backward: backward)
        return self
    }

    /// Back-propagates from this tensor (a scalar unless `gradient` is given), accumulating into leaves' `grad`.
    public func backward(_ gradient: Tensor? = nil) {
        precondition(requiresGrad, "backward() on a tensor that does not require gradients")
        let seed = gradient ?? Tensor(repeating: 1, shape: shape)
        precondition(seed.shape == shape || seed.count == count, "gradient \(seed.shape) for tensor \(shape)")
        // Topological order by iterative depth-first search.
        var order: [Tensor] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(Tensor, Bool)] = [(self, false)]
        while let (t, expanded) = stack.popLast() {
            if expanded { order.append(t); continue }
            if !visited.insert(ObjectIdentifier(t)).inserted { continue }
            stack.append((t, true))
            for input in t.node?.inputs ?? [] where input.requiresGrad && !visited.contains(ObjectIdentifier(input)) {
                stack.append((input, false))
            }
        }
        var grads: [ObjectIdentifier: Tensor] = [ObjectIdentifier(self): seed]
        var owned = Set<ObjectIdentifier>()  // gradients that are private copies, safe to accumulate into
        noGrad {
            for t in order.reversed() {
                guard let g = grads.removeValue(forKey: ObjectIdentifier(t)) else { continue }
                guard let node = t.node else {
                    if let existing = t.grad {
                        Elementwise.accumulate(g.data, into: existing.mutableData, count: existing.count)
                    } else {
                        t.grad = Tensor(g.scalars, shape: t.shape)
                    }
                    continue
                }
                let inputGrads = node.backward(g)
                for (input, ig) in zip(node.inputs, inputGrads) {
                    guard input.requiresGrad, let ig else { continue }
                    precondition(ig.count == input.count, "\(node.name) backward: gradient \(ig.shape) for input \(input.shape)")
                    let key = ObjectIdentifier(input)
                    if let existing = grads[key] {
                        // Accumulate in the first gradient's layout, into a private copy.
                        let sum: Tensor
                        if owned.contains(key) {
                            sum = existing
                        } else {
                            sum = Tensor(uninitialized: existing.shape, layout: existing.layout)
                            sum.rawMutableData.update(from: existing.rawData, count: existing.count)
                        }
                        let addend = ig.converted(to: sum.layout)
                        Elementwise.accumulate(addend.rawData, into: sum.rawMutableData, count: sum.count)
                        grads[key] = sum
                        owned.insert(key)
                    } else {
                        grads[key] = ig
                    }
                }
            }
        }
    }

    /// Clears the gradient.
    public func zeroGrad() { grad = nil }
}

import Kernels
