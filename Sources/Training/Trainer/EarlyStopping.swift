/// The reference's EarlyStopping: stop when fitness has not improved for `patience` epochs (0 = never stop).
public struct EarlyStopping: Equatable, Sendable {
    public let patience: Int
    public private(set) var bestFitness: Double
    /// The epoch of the best fitness, as the reference passes it (1-based).
    public private(set) var bestEpoch: Int

    public init(patience: Int, bestFitness: Double = 0, bestEpoch: Int = 0) {
        self.patience = patience > 0 ? patience : Int.max
        self.bestFitness = bestFitness
        self.bestEpoch = bestEpoch
    }

    /// Records `fitness` of `epoch` (1-based, as the reference calls it); true when training should stop.
    public mutating func update(epoch: Int, fitness: Double?) -> Bool {
        guard let fitness else { return false }
        if fitness > bestFitness || bestFitness == 0 {
            bestEpoch = epoch
            bestFitness = fitness
        }
        return epoch - bestEpoch >= patience
    }

    /// Whether the next epoch may stop (the reference validates then even with val=False).
    public func possibleStop(epoch: Int) -> Bool { patience != Int.max && epoch - bestEpoch >= patience - 1 }

    /// The message the reference prints when stopping early.
    public var message: String {
        "EarlyStopping: Training stopped early as no improvement observed in last \(patience) epochs. Best results "
            + "observed at epoch \(bestEpoch), best model saved as best.pt.\nTo update EarlyStopping(patience=\(patience)) pass "
            + "a new patience value, i.e. `patience=300` or use `patience=0` to disable EarlyStopping."
    }
}
