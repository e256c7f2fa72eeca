import Evaluation
import Foundation
import Training
import YOLOData

/// Logs a training run to an MLflow tracking server as the reference's callback does: the resolved arguments as
/// parameters, per-epoch losses, metrics and learning rates (step = 0-based epoch, parentheses dropped from keys), and
/// at the end the weights, results.csv, args.yaml and pictures as artefacts. Experiment: `MLFLOW_EXPERIMENT_NAME`, else
/// `project`, else `/Shared/Ultralytics`; run: `MLFLOW_RUN`, else the run folder's name. A resumed run continues the
/// MLflow run whose id `mlflow_run_id.txt` in the run folder holds. Any failure gives one warning and ends tracking;
/// training goes on. Network calls run in order on a background queue, so training waits only at the end for the
/// artefact uploads.
public final class MLflowCallback: TrainingCallback {
    /// The file in the run folder that remembers the MLflow run id for `resume`.
    public static let runIDFile = "mlflow_run_id.txt"

    private let environment: [String: String]
    private var client: MLflowClient?
    private var info: MLflowRunInfo?
    private var disabled = false
    /// Every server call, in order, off the training thread; the state above is touched only on it.
    private let queue = DispatchQueue(label: "yolo.tracking.mlflow")
    /// Artefact paths already uploaded (the finished weights go up while the final validation runs).
    private var uploaded = Set<String>()

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    public func trainStart(_ run: TrainingRun) {
        queue.async { [self] in
            guard !disabled, info == nil else { return }
            guard let uri = environment["MLFLOW_TRACKING_URI"], !uri.isEmpty else {
                return fail(run, "mlflow=True needs MLFLOW_TRACKING_URI=http://host:port (the tracking server); "
                    + "not tracking this run")
            }
            guard let client = MLflowClient(trackingURI: uri) else {
                return fail(run, "MLFLOW_TRACKING_URI=\(uri) is not an http(s)://host:port address; "
                    + "not tracking this run")
            }
            self.client = client
            attempt(run) {
                var params = Self.params(run.arguments)
                var resumed: MLflowRunInfo?
                if run.resumed, let previous = Self.storedRunID(in: run.saveDir) {
                    do {
                        let (found, logged) = try client.run(id: previous)
                        try client.updateRun(id: found.runID, status: "RUNNING", endTime: nil)
                        params = params.filter { logged[$0.key] == nil }  // parameter values cannot change
                        resumed = found
                    } catch let error as MLflowError where error.code == "RESOURCE_DOES_NOT_EXIST" {
                        run.log("MLflow: run \(previous) is not on the server any more; starting a new one")
                    }
                }
                let info: MLflowRunInfo
                if let resumed {
                    info = resumed
                } else {
                    let experiment = try client.experimentID(named: Self.experimentName(run, environment))
                    let name = environment["MLFLOW_RUN"].flatMap { $0.isEmpty ? nil : $0 }
                        ?? run.saveDir.lastPathComponent
                    info = try client.createRun(experimentID: experiment, name: name)
                }
                self.info = info
                try Data((info.runID + "\n").utf8).write(to: run.saveDir.appendingPathComponent(Self.runIDFile))
                try client.logBatch(runID: info.runID, params: params)
                run.log("MLflow: logging run_id(\(info.runID)) to \(uri); disable with 'yolo settings mlflow=False'")
            }
        }
    }

    /// The final validation starts after the weights were stripped: upload them now, off the training thread, so
    /// the run waits at its end only for the pictures (the weights were ~70 % of that wait).
    public func validationBatchEnd(_ run: TrainingRun, batch: Batch, predictions: [[Detection]], final: Bool) {
        guard final else { return }
        queue.async { [self] in
            guard let client, let info, !disabled, uploaded.isEmpty else { return }
            let weights = Self.artefacts(in: run.saveDir).filter { $0.path.hasPrefix("weights/") }
            attempt(run) {
                try Self.upload(weights, with: client, artifactURI: info.artifactURI)
                uploaded.formUnion(weights.map(\.path))
            }
        }
    }

    public func fitEpochEnd(_ run: TrainingRun, result: EpochResult) {
        let metrics = TensorBoardCallback.scalars(of: result, lossNames: run.lossNames).map {
            (key: Self.sanitized($0.tag), value: $0.value)
        }
        let time = Date()
        queue.async { [self] in
            guard let client, let info, !disabled else { return }
            attempt(run) {
                try client.logBatch(runID: info.runID, metrics: metrics, step: result.epoch - 1, timestamp: time)
            }
        }
    }

    /// Uploads the artefacts and closes the run FINISHED; a run stopped by request (Ctrl-C) is closed KILLED without
    /// uploads (its resume continues the same MLflow run). Waits for every queued call.
    public func trainEnd(_ run: TrainingRun) {
        queue.sync { [self] in
            guard let client, let info, !disabled else { return }
            attempt(run) {
                if run.stoppedByRequest {
                    try client.updateRun(id: info.runID, status: "KILLED")
                    run.log("MLflow: run \(info.runID) marked KILLED; resuming continues it")
                    return
                }
                try Self.upload(Self.artefacts(in: run.saveDir).filter { !uploaded.contains($0.path) }, with: client,
                                artifactURI: info.artifactURI)
                try client.updateRun(id: info.runID, status: "FINISHED")
                run.log("MLflow: results logged to \(client.baseURL.absoluteString) (run \(info.runID))")
            }
        }
    }

    /// Closes the run FAILED (the training error ends it; nothing else is uploaded). Waits for every queued call.
    public func trainFailed(_ run: TrainingRun, error: Error) {
        queue.sync { [self] in
            guard let client, let info, !disabled else { return }
            attempt(run) {
                try client.updateRun(id: info.runID, status: "FAILED")
                run.log("MLflow: run \(info.runID) marked FAILED")
            }
        }
    }

    /// Uploads the files, at most `parallel` at a time (the server handles requests concurrently; one by one the
    /// run waited on every round trip); the first failure is thrown after all uploads ended.
    static func upload(_ files: [(file: URL, path: String)], with client: MLflowClient, artifactURI: String,
                       parallel: Int = 4) throws {
        let slots = DispatchSemaphore(value: parallel)
        let group = DispatchGroup()
        let failure = FirstError()
        for (file, path) in files {
            slots.wait()
            group.enter()
            DispatchQueue.global().async {
                defer { slots.signal(); group.leave() }
                do { try client.uploadArtifact(file, to: path, artifactURI: artifactURI) } catch { failure.keep(error) }
            }
        }
        group.wait()
        if let error = failure.error { throw error }
    }

    /// The files the reference logs: `weights/*.pt`, then the run folder's png/jpg/csv/pt/yaml files.
    static func artefacts(in folder: URL) -> [(file: URL, path: String)] {
        let fm = FileManager.default
        var found: [(URL, String)] = []
        let weights = folder.appendingPathComponent("weights")
        for name in ((try? fm.contentsOfDirectory(atPath: weights.path)) ?? []).sorted() where name.hasSuffix(".pt") {
            found.append((weights.appendingPathComponent(name), "weights/\(name)"))
        }
        let kinds: Set<String> = ["png", "jpg", "csv", "pt", "yaml"]
        for name in ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        where kinds.contains((name as NSString).pathExtension.lowercased()) {
            found.append((folder.appendingPathComponent(name), name))
        }
        return found
    }

    /// The resolved arguments as parameters (`None` values as the reference's `str(None)`).
    static func params(_ arguments: [(key: String, value: String)]) -> [(key: String, value: String)] {
        arguments.map { (key: $0.key, value: $0.value == "null" ? "None" : String($0.value.prefix(6000))) }
    }

    /// `MLFLOW_EXPERIMENT_NAME`, else `project`, else `/Shared/Ultralytics`.
    static func experimentName(_ run: TrainingRun, _ environment: [String: String]) -> String {
        if let name = environment["MLFLOW_EXPERIMENT_NAME"], !name.isEmpty { return name }
        let project = run.arguments.first { $0.key == "project" }?.value ?? ""
        return ["", "null", "None"].contains(project) ? "/Shared/Ultralytics" : project
    }

    /// MLflow metric keys allow no parentheses: `metrics/mAP50(B)` → `metrics/mAP50B`, as the reference.
    static func sanitized(_ key: String) -> String {
        key.replacingOccurrences(of: "(", with: "").replacingOccurrences(of: ")", with: "")
    }

    /// The run id a previous session of this run folder stored.
    static func storedRunID(in folder: URL) -> String? {
        guard let text = try? String(contentsOf: folder.appendingPathComponent(runIDFile), encoding: .utf8) else {
            return nil
        }
        let id = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return id.isEmpty ? nil : id
    }

    /// Runs one step; on its first failure, one warning and no more tracking for this run.
    private func attempt(_ run: TrainingRun, _ body: () throws -> Void) {
        do { try body() } catch {
            // Close the run as FAILED when the server answered (a dead network would only add a timeout).
            if let client, let info, (error as? MLflowError)?.code != nil {
                try? client.updateRun(id: info.runID, status: "FAILED")
            }
            fail(run, "\(error); not tracking the rest of this run (training goes on)")
        }
    }

    private func fail(_ run: TrainingRun, _ message: String) {
        guard !disabled else { return }
        disabled = true
        run.log("warning: MLflow: \(message)")
    }
}

/// The first error of concurrent uploads.
final class FirstError: @unchecked Sendable {
    private let lock = NSLock()
    private var first: Error?
    var error: Error? { lock.lock(); defer { lock.unlock() }; return first }
    func keep(_ error: Error) {
        lock.lock()
        if first == nil { first = error }
        lock.unlock()
    }
}
