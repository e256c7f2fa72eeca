/// Counts multiply-adds the way the reference's FLOP counter (thop) does, while active: convolutions count
/// in/groups · k² per output element, affine batch norms 4 per element, attention matmuls M·N·K; nothing else.
public enum FlopCounter {
    nonisolated(unsafe) static var macs: Double? = nil

    /// Multiply-adds counted during `body`.
    public static func count(_ body: () -> Void) -> Double {
        macs = 0
        defer { macs = nil }
        body()
        return macs ?? 0
    }

    @inline(__always) public static func add(_ value: Double) {
        if macs != nil { macs! += value }
    }
}
