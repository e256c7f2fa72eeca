import Foundation
import Training

/// Logs a training run to TensorBoard as the reference's callback does: per epoch the train losses, `lr/pg0..2`, the
/// metrics and validation losses, all at step epoch + 1 (the results.csv `epoch`), flushed after each epoch; at the
/// end, the PNG/JPEG pictures in the run folder as image summaries.
public final class TensorBoardCallback: TrainingCallback {
    private var writer: SummaryWriter?
    private var failed = false

    public init() {}

    public func trainStart(_ run: TrainingRun) {
        guard writer == nil, !failed else { return }
        do {
            writer = try SummaryWriter(logDirectory: run.saveDir)
            run.log("TensorBoard: Start with 'tensorboard --logdir \(run.saveDir.path)', "
                + "view at http://localhost:6006/")
        } catch {
            fail(run, "could not create an event file in \(run.saveDir.path) (\(error)); not logging this run")
        }
    }

    public func fitEpochEnd(_ run: TrainingRun, result: EpochResult) {
        guard let writer else { return }
        writer.addScalars(Self.scalars(of: result, lossNames: run.lossNames), step: result.epoch)
        flush(run)
    }

    public func trainEnd(_ run: TrainingRun) {
        guard let writer else { return }
        let step = run.results.last?.epoch ?? run.epochs
        for url in Self.pictures(in: run.saveDir) {
            guard let image = EncodedImage(contentsOf: url) else { continue }
            writer.addImage(tag: url.deletingPathExtension().lastPathComponent, file: image, step: step)
        }
        do { try writer.close() } catch { fail(run, "could not write \(writer.fileURL.path) (\(error))") }
        self.writer = nil
    }

    /// The scalars of one epoch under the reference's tags, with the values results.csv holds.
    public static func scalars(of r: EpochResult, lossNames: [String]) -> [(tag: String, value: Double)] {
        var scalars: [(tag: String, value: Double)] = []
        for (name, value) in zip(lossNames, r.trainLoss) { scalars.append(("train/\(name)", Double(value))) }
        for (k, value) in r.learningRates.enumerated() { scalars.append(("lr/pg\(k)", value)) }
        for key in metricKeys { scalars.append((key, r.metrics.first { $0.key == key }?.value ?? 0)) }
        for (name, value) in zip(lossNames, r.valLoss) { scalars.append(("val/\(name)", Double(value))) }
        return scalars
    }

    /// The metric columns of results.csv.
    static let metricKeys = ["metrics/precision(B)", "metrics/recall(B)", "metrics/mAP50(B)", "metrics/mAP50-95(B)"]

    /// The `.png`/`.jpg`/`.jpeg` files directly in `folder`, sorted by name.
    static func pictures(in folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { ["png", "jpg", "jpeg"].contains(($0 as NSString).pathExtension.lowercased()) }
            .sorted().map { folder.appendingPathComponent($0) }
    }

    private func flush(_ run: TrainingRun) {
        guard let writer else { return }
        do { try writer.flush() } catch { fail(run, "could not write \(writer.fileURL.path) (\(error))") }
    }

    /// One warning, then this callback stays quiet for the rest of the run.
    private func fail(_ run: TrainingRun, _ message: String) {
        writer = nil
        guard !failed else { return }
        failed = true
        run.log("warning: TensorBoard: \(message)")
    }
}
