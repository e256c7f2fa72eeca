import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A failed MLflow call: what was asked and what the server (or the network) answered.
public struct MLflowError: Error, CustomStringConvertible {
    public let description: String
    /// The server's `error_code` (`RESOURCE_DOES_NOT_EXIST`, …), nil for network failures.
    public let code: String?
}

/// A run as the tracking server describes it.
public struct MLflowRunInfo: Equatable {
    public let runID: String
    public let experimentID: String
    /// `mlflow-artifacts:/<experiment>/<run>/artifacts` when the server proxies artifacts, else a store URI.
    public let artifactURI: String
    public let status: String
}

/// A synchronous client of MLflow's REST API (`/api/2.0/mlflow/...`) with short timeouts.
public final class MLflowClient {
    /// The tracking server, e.g. `http://127.0.0.1:5000`.
    public let baseURL: URL
    let timeout: TimeInterval
    private let session: URLSession

    /// A client for an `http(s)://host:port` tracking URI; nil for any other kind (file stores, databricks).
    public init?(trackingURI: String, timeout: TimeInterval = 10) {
        guard let url = URL(string: trackingURI.hasSuffix("/") ? String(trackingURI.dropLast()) : trackingURI),
              ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil
        else { return nil }
        baseURL = url
        self.timeout = timeout
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        session = URLSession(configuration: configuration)
    }

    deinit { session.finishTasksAndInvalidate() }

    /// The id of the experiment called `name`, created when missing.
    public func experimentID(named name: String) throws -> String {
        do {
            let answer = try call("GET", "experiments/get-by-name", query: ["experiment_name": name])
            if let id = (answer["experiment"] as? [String: Any])?["experiment_id"] as? String { return id }
            throw MLflowError(description: "experiments/get-by-name answered without an experiment id", code: nil)
        } catch let error as MLflowError where error.code == "RESOURCE_DOES_NOT_EXIST" {
            let answer = try call("POST", "experiments/create", body: ["name": name])
            guard let id = answer["experiment_id"] as? String else {
                throw MLflowError(description: "experiments/create answered without an experiment id", code: nil)
            }
            return id
        }
    }

    /// Starts a run in an experiment.
    public func createRun(experimentID: String, name: String, startTime: Date = Date()) throws -> MLflowRunInfo {
        let answer = try call("POST", "runs/create", body: [
            "experiment_id": experimentID, "run_name": name, "start_time": Self.milliseconds(startTime),
            "tags": [["key": "mlflow.runName", "value": name], ["key": "mlflow.source.name", "value": "yolo"]],
        ])
        return try Self.runInfo(answer)
    }

    /// A run's description and its parameters.
    public func run(id: String) throws -> (info: MLflowRunInfo, params: [String: String]) {
        let answer = try call("GET", "runs/get", query: ["run_id": id])
        let data = (answer["run"] as? [String: Any])?["data"] as? [String: Any]
        var params: [String: String] = [:]
        for entry in data?["params"] as? [[String: Any]] ?? [] {
            if let key = entry["key"] as? String { params[key] = entry["value"] as? String ?? "" }
        }
        return (try Self.runInfo(answer), params)
    }

    /// Logs parameters and metrics, split into requests within the server's limits (100 params, 1000 items).
    public func logBatch(runID: String, params: [(key: String, value: String)] = [],
                         metrics: [(key: String, value: Double)] = [], step: Int = 0, timestamp: Date = Date())
        throws
    {
        let time = Self.milliseconds(timestamp)
        for chunk in stride(from: 0, to: params.count, by: 100) {
            let items = params[chunk..<min(chunk + 100, params.count)].map { ["key": $0.key, "value": $0.value] }
            try call("POST", "runs/log-batch", body: ["run_id": runID, "params": items])
        }
        let finite = metrics.filter { $0.value.isFinite }
        for chunk in stride(from: 0, to: finite.count, by: 1000) {
            let items = finite[chunk..<min(chunk + 1000, finite.count)].map {
                ["key": $0.key, "value": $0.value, "timestamp": time, "step": step] as [String: Any]
            }
            try call("POST", "runs/log-batch", body: ["run_id": runID, "metrics": items])
        }
    }

    /// Sets a run's status (`RUNNING`, `FINISHED`, `FAILED`, `KILLED`) and end time.
    public func updateRun(id: String, status: String, endTime: Date? = Date()) throws {
        var body: [String: Any] = ["run_id": id, "status": status]
        if let endTime { body["end_time"] = Self.milliseconds(endTime) }
        try call("POST", "runs/update", body: body)
    }

    /// Uploads a file through the server's artifact proxy (`PUT /api/2.0/mlflow-artifacts/artifacts/...`), or copies
    /// it when the run's artifact URI is a local folder; `path` is where it goes under the run's artifacts.
    public func uploadArtifact(_ file: URL, to path: String, artifactURI: String) throws {
        if artifactURI.hasPrefix("mlflow-artifacts:") {
            var location = String(artifactURI.dropFirst("mlflow-artifacts:".count))
            if location.hasPrefix("//") {  // mlflow-artifacts://host:port/path: the host is this server
                location = String(location.dropFirst(2).drop { $0 != "/" })
            }
            let trimmed = location.split(separator: "/").joined(separator: "/")
            let url = baseURL.appendingPathComponent("api/2.0/mlflow-artifacts/artifacts/\(trimmed)/\(path)")
            var request = URLRequest(url: url, timeoutInterval: max(timeout, 60))
            request.httpMethod = "PUT"
            request.setValue("application/octet-stream", forHTTPHeaderField: "Content-Type")
            request.httpBody = try Data(contentsOf: file)
            _ = try send(request, what: "PUT \(url.path)")
        } else if let folder = Self.localFolder(artifactURI) {
            let target = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: file, to: target)
        } else {
            throw MLflowError(description: "artifact store \(artifactURI) is not reachable from here "
                + "(start the server with artifact serving: mlflow server --artifacts-destination ...)", code: nil)
        }
    }

    /// The local folder of a `file:` or plain-path artifact URI.
    static func localFolder(_ uri: String) -> URL? {
        if uri.hasPrefix("/") { return URL(fileURLWithPath: uri) }
        guard let url = URL(string: uri), url.scheme == "file" else { return nil }
        return URL(fileURLWithPath: url.path)
    }

    /// One JSON call to `/api/2.0/mlflow/<endpoint>`; throws with the server's error text for a non-2xx status.
    @discardableResult
    func call(_ method: String, _ endpoint: String, query: [String: String] = [:], body: [String: Any]? = nil)
        throws -> [String: Any]
    {
        var components = URLComponents(
            url: baseURL.appendingPathComponent("api/2.0/mlflow/\(endpoint)"), resolvingAgainstBaseURL: false)!
        if !query.isEmpty { components.queryItems = query.sorted { $0.key < $1.key }.map(URLQueryItem.init) }
        var request = URLRequest(url: components.url!, timeoutInterval: timeout)
        request.httpMethod = method
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
        }
        let data = try send(request, what: "\(method) \(endpoint)")
        guard !data.isEmpty else { return [:] }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }

    /// Sends a request and waits; a network failure or a non-2xx answer throws.
    private func send(_ request: URLRequest, what: String) throws -> Data {
        let done = DispatchSemaphore(value: 0)
        let box = ResponseBox()
        session.dataTask(with: request) { data, response, error in
            box.value = (data, response, error)
            done.signal()
        }.resume()
        done.wait()
        let (data, response, error) = box.value
        if let error {
            throw MLflowError(description: "\(what) at \(baseURL.absoluteString) failed: \(error.localizedDescription)",
                              code: nil)
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            let answer = data.flatMap { try? JSONSerialization.jsonObject(with: $0) } as? [String: Any]
            let text = answer?["message"] as? String ?? data.flatMap { String(data: $0, encoding: .utf8) } ?? ""
            throw MLflowError(description: "\(what) answered HTTP \(status): \(text.prefix(300))",
                              code: answer?["error_code"] as? String)
        }
        return data ?? Data()
    }

    private static func runInfo(_ answer: [String: Any]) throws -> MLflowRunInfo {
        guard let info = (answer["run"] as? [String: Any])?["info"] as? [String: Any],
              let id = info["run_id"] as? String ?? info["run_uuid"] as? String
        else { throw MLflowError(description: "the server answered without a run", code: nil) }
        return MLflowRunInfo(runID: id, experimentID: info["experiment_id"] as? String ?? "",
                             artifactURI: info["artifact_uri"] as? String ?? "",
                             status: info["status"] as? String ?? "")
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
}

/// The completion handler's answer, handed to the waiting thread (the semaphore orders the write before the read).
private final class ResponseBox: @unchecked Sendable {
    var value: (Data?, URLResponse?, Error?) = (nil, nil, nil)
}
