import Dispatch
import Foundation

/// Splits index ranges over the machine's cores.
public enum Parallel {
    /// Worker count (all cores).
    public static let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Calls `body` on disjoint chunks covering `0..<count`, in parallel when `count` is at least `grain`.
    @inlinable
    public static func forEachChunk(_ count: Int, grain: Int = 32_768, _ body: (Range<Int>) -> Void) {
        if count <= 0 { return }
        let chunks = min(workers, max(1, count / max(grain, 1)))
        if chunks <= 1 {
            body(0..<count)
            return
        }
        let size = (count + chunks - 1) / chunks
        withoutActuallyEscaping(body) { body in
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                let lo = c * size
                let hi = min(count, lo + size)
                if lo < hi { body(lo..<hi) }
            }
        }
    }
}

/// A raw pointer shared by parallel chunks that write disjoint ranges, so it is safe to send across threads.
public struct SendablePointer<T>: @unchecked Sendable {
    public let pointer: UnsafeMutablePointer<T>
    @inlinable public init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}
