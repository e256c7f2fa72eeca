import Foundation
import Tensors
import XCTest

/// How a model output is compared with the reference's in the forward parity tests: sampled elements of dense
/// outputs, or row matching for YOLO26's end-to-end top-k. Each returns named parts with their relative error
/// (max |Δ| / max |ref|).
enum ForwardComparison {
    /// The parts to check for `output`: `end2end` by row matching, everything else by sampled elements.
    static func errors(_ tensor: Tensor, _ reference: [Float], output: ForwardManifest.Output, tolerance: Double,
                       file: StaticString, line: UInt) -> [(String, Double)] {
        output.key == "end2end"
            ? topK(tensor, reference, tolerance: tolerance, file: file, line: line)
            : sampled(tensor, reference, output: output)
    }

    /// Elements `0, stride, 2·stride, …` against the reference; decoded `[B, 4+nc, A]` outputs are measured as boxes
    /// and scores separately.
    static func sampled(_ tensor: Tensor, _ reference: [Float], output: ForwardManifest.Output) -> [(String, Double)] {
        let values = tensor.scalars
        let (channels, anchors) = (output.shape[1], output.shape[2])
        var boxes = RelativeError()
        var scores = RelativeError()
        var all = RelativeError()
        for (i, ref) in reference.enumerated() {
            let index = i * output.stride
            all.add(ours: values[index], ref: ref)
            if (index / anchors) % channels < 4 {
                boxes.add(ours: values[index], ref: ref)
            } else {
                scores.add(ours: values[index], ref: ref)
            }
        }
        return output.key == "decoded" ? [("boxes", boxes.value), ("scores", scores.value)] : [("", all.value)]
    }

    /// The end-to-end `[B, k, 6]` output: near-equal scores may be ordered differently, so the sorted score columns
    /// are compared directly and each reference row is matched to one of ours with the same class and (within
    /// tolerance) the same score and box; only rows tied with the last kept score may be missing.
    static func topK(_ tensor: Tensor, _ reference: [Float], tolerance: Double, file: StaticString,
                     line: UInt) -> [(String, Double)] {
        let values = tensor.scalars
        let k = tensor.shape[1]
        let rows = reference.count / 6
        var scoreError = RelativeError()
        var boxError = RelativeError()
        let maxScore = stride(from: 4, to: reference.count, by: 6).map { abs(reference[$0]) }.max() ?? 1
        let maxBox = reference.enumerated().filter { $0.offset % 6 < 4 }.map { abs($0.element) }.max() ?? 1
        let scoreTolerance = Float(tolerance) * maxScore
        let boxTolerance = Float(tolerance) * maxBox
        var unmatched = 0
        for b in 0..<(rows / k) {
            let range = (b * k)..<((b + 1) * k)
            let refScores = range.map { reference[$0 * 6 + 4] }.sorted(by: >)
            let ourScores = range.map { values[$0 * 6 + 4] }.sorted(by: >)
            for (o, r) in zip(ourScores, refScores) { scoreError.add(ours: o, ref: r) }
            var used = Set<Int>()
            for r in range {
                let ref = Array(reference[(r * 6)..<(r * 6 + 6)])
                let candidates = range.filter { o in
                    !used.contains(o) && values[o * 6 + 5] == ref[5]
                        && abs(values[o * 6 + 4] - ref[4]) <= scoreTolerance
                }
                let boxDelta = { (o: Int) in (0..<4).map { abs(values[o * 6 + $0] - ref[$0]) }.max()! }
                guard let best = candidates.min(by: { boxDelta($0) < boxDelta($1) }), boxDelta(best) <= boxTolerance
                else {
                    unmatched += 1
                    XCTAssertLessThanOrEqual(
                        ref[4] - refScores.last!, scoreTolerance,
                        "reference row \(r) \(ref) has no counterpart in ours", file: file, line: line)
                    continue
                }
                used.insert(best)
                for t in 0..<4 { boxError.add(ours: values[best * 6 + t], ref: ref[t]) }
            }
        }
        XCTAssertLessThan(unmatched, rows / 10, "too many unmatched rows (\(unmatched) of \(rows))", file: file, line: line)
        return [("scores", scoreError.value), ("boxes", boxError.value)]
    }
}
