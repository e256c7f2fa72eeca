import Tensors

/// A layer with named parameters, buffers and children, mirroring torch.nn.Module's state-dict naming.
///
/// `stateDict()` lists own parameters, then own buffers, then each child's entries under `name.` — the order
/// PyTorch uses, so keys such as `model.0.conv.weight` match Ultralytics checkpoints exactly.
open class Module {
    /// Training mode (batch statistics in BatchNorm, dropout active).
    public private(set) var isTraining = true
    public private(set) var ownParameters: [(name: String, tensor: Tensor)] = []
    public private(set) var ownBuffers: [(name: String, tensor: Tensor)] = []
    public private(set) var children: [(name: String, module: Module)] = []

    public init() {}

    /// Registers a trainable parameter (marked as requiring gradients).
    @discardableResult
    public func register(parameter tensor: Tensor, as name: String) -> Tensor {
        tensor.requiringGrad()
        ownParameters.append((name, tensor))
        return tensor
    }

    /// Registers a persistent buffer (saved in the state dict, not trained).
    @discardableResult
    public func register(buffer tensor: Tensor, as name: String) -> Tensor {
        ownBuffers.append((name, tensor))
        return tensor
    }

    /// Registers a child module under `name` (its keys are prefixed `name.`).
    @discardableResult
    public func register<M: Module>(child: M, as name: String) -> M {
        children.append((name, child))
        return child
    }

    /// Every parameter with its full dotted name, in state-dict order.
    public func namedParameters(prefix: String = "") -> [(name: String, tensor: Tensor)] {
        ownParameters.map { (prefix + $0.name, $0.tensor) }
            + children.flatMap { $0.module.namedParameters(prefix: prefix + $0.name + ".") }
    }

    /// Parameters and persistent buffers with full dotted names, in PyTorch's state-dict order.
    public func stateDict(prefix: String = "") -> [(name: String, tensor: Tensor)] {
        ownParameters.map { (prefix + $0.name, $0.tensor) } + ownBuffers.map { (prefix + $0.name, $0.tensor) }
            + children.flatMap { $0.module.stateDict(prefix: prefix + $0.name + ".") }
    }

    /// All modules below and including this one, depth first.
    public func modules() -> [Module] { [self] + children.flatMap { $0.module.modules() } }

    /// Sets training or evaluation mode recursively.
    public func train(_ on: Bool = true) {
        for m in modules() {
            m.isTraining = on
            m.modeChanged(training: on)
        }
    }

    /// Called on each module when `train(_:)` switches the mode (e.g. to drop inference-only caches).
    open func modeChanged(training: Bool) {}

    /// Evaluation mode (running statistics, no dropout).
    public func eval() { train(false) }

    /// Number of trainable parameter elements.
    public var parameterCount: Int { namedParameters().reduce(0) { $0 + $1.tensor.count } }

    /// Copies matching entries of `state` (same name and element count) into this module's tensors;
    /// returns the names that were loaded.
    @discardableResult
    public func load(stateDict state: [String: Tensor]) -> Set<String> {
        var loaded = Set<String>()
        for (name, tensor) in stateDict() {
            guard let source = state[name], source.count == tensor.count else { continue }
            tensor.assign(source)
            loaded.insert(name)
        }
        return loaded
    }
}
