import CPeak
import Dispatch
import Foundation

/// The machine's measured f32 FMA peak in GFLOP/s on `threads` threads (median of `runs`).
func measurePeak(threads: Int, runs: Int = 5) -> Double {
    let iterations = 20_000_000
    var rates: [Double] = []
    for _ in 0..<runs {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let flops = UnsafeMutablePointer<Double>.allocate(capacity: threads)
        defer { flops.deallocate() }
        let box = FlopBox(flops)
        DispatchQueue.concurrentPerform(iterations: threads) { i in box.pointer[i] = cpeak_fma_loop(iterations) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        rates.append((0..<threads).reduce(0) { $0 + flops[$1] } / seconds / 1e9)
    }
    rates.sort()
    return rates[rates.count / 2]
}

/// Per-thread result slots; each thread writes only its own index.
private struct FlopBox: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Double>
    init(_ p: UnsafeMutablePointer<Double>) { pointer = p }
}

/// Vector width the peak loop used (floats per register).
var peakVectorWidth: Int { Int(cpeak_vector_width()) }
