import Foundation
import Models
import Tensors
import TestSupport
import Training
import XCTest

/// Our forward of real Ultralytics 8.4.190 checkpoints (yolo26n, yolo11n, yolov8n trained 2 epochs on coco8, so the
/// BatchNorm running statistics are not at their initial values) against the reference's own outputs, at 320 and 640,
/// eval (decoded one-to-many; YOLO26 also the end-to-end top-300 of the one-to-one head) and train mode (raw heads,
/// batch statistics). Every output must match within 1e-4 relative (max |Δ| / max |ref|).
///
/// The checkpoints are 5+ MB each, so they are not committed: `tools/fixtures/trained_checkpoints.py OUTDIR` makes them
/// (CI: `tools/ci/checkpoint_check.sh`) and this test reads OUTDIR from `$YOLO_TRAINED_CHECKPOINTS`; without it every
/// case is skipped, saying so.
final class TrainedCheckpointParityTests: XCTestCase {
    static let tolerance = 1e-4
    static let variable = "YOLO_TRAINED_CHECKPOINTS"

    func testYOLO26n320Eval() throws { try check("yolo26n-320-eval") }
    func testYOLO26n320Train() throws { try check("yolo26n-320-train") }
    func testYOLO26n640Eval() throws { try check("yolo26n-640-eval") }
    func testYOLO26n640Train() throws { try check("yolo26n-640-train") }
    func testYOLO11n320Eval() throws { try check("yolo11n-320-eval") }
    func testYOLO11n320Train() throws { try check("yolo11n-320-train") }
    func testYOLO11n640Eval() throws { try check("yolo11n-640-eval") }
    func testYOLO11n640Train() throws { try check("yolo11n-640-train") }
    func testYOLOv8n320Eval() throws { try check("yolov8n-320-eval") }
    func testYOLOv8n320Train() throws { try check("yolov8n-320-train") }
    func testYOLOv8n640Eval() throws { try check("yolov8n-640-eval") }
    func testYOLOv8n640Train() throws { try check("yolov8n-640-train") }

    /// The generator's cases are exactly the ones tested above, and its checkpoints are really trained.
    func testManifestCoversEveryCase() throws {
        let manifest = try Self.manifest()
        XCTAssertEqual(manifest.ultralytics, "8.4.190")
        let expected = ["yolo26n", "yolo11n", "yolov8n"].flatMap { model in
            [320, 640].flatMap { size in ["eval", "train"].map { "\(model)-\(size)-\($0)" } }
        }
        XCTAssertEqual(manifest.cases.map(\.name).sorted(), expected.sorted())
        for (name, checkpoint) in manifest.checkpoints.sorted(by: { $0.key < $1.key }) {
            let bn = checkpoint.batchnorm
            print(
                "TRAINED \(name): \(bn.batchnorms) BatchNorms, max |running_mean| \(bn.maxMean), "
                    + "max |running_var - 1| \(bn.maxVar)")
            XCTAssertEqual(bn.atInit, 0, "\(name): BatchNorm statistics at their initial values")
            XCTAssertGreaterThan(bn.maxMean, 0, name)
            XCTAssertGreaterThan(bn.maxVar, 0, name)
            if name.hasPrefix("yolo26") {
                let difference = try XCTUnwrap(checkpoint.headsDiffer, name)
                print("TRAINED \(name): max |one2one - one2many| head parameter \(difference)")
                XCTAssertGreaterThan(difference, 0, "\(name): the one-to-one head is still a copy of the one-to-many head")
            }
        }
    }

    // MARK: - The generated folder

    struct Manifest: Decodable {
        struct Case: Decodable {
            let name: String
            let model: String
            let mode: String
            let batch: Int
            let imgsz: Int
            let input: String
            let outputs: [ForwardManifest.Output]
        }

        struct Checkpoint: Decodable {
            struct BatchNorm: Decodable {
                let batchnorms: Int
                let maxMean: Double
                let maxVar: Double
                let atInit: Int
                let headsDifference: Double?
                enum CodingKeys: String, CodingKey {
                    case headsDifference = "heads_max_abs_difference"
                    case batchnorms
                    case maxMean = "max_abs_running_mean"
                    case maxVar = "max_abs_running_var_minus_1"
                    case atInit = "batchnorms_at_init"
                }
            }
            let batchnorm: BatchNorm
            /// YOLO26: max |one2one − one2many| over the head parameters (the one-to-one head starts as a copy).
            var headsDiffer: Double? { batchnorm.headsDifference }
        }

        let torch: String
        let ultralytics: String
        let checkpoints: [String: Checkpoint]
        let cases: [Case]
    }

    static func folder() throws -> URL {
        guard let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty else {
            print(
                "TrainedCheckpointParityTests: \(variable) is not set, so the trained-checkpoint parity is NOT checked "
                    + "(tools/ci/checkpoint_check.sh generates the checkpoints and sets it)")
            throw XCTSkip("\(variable) not set: run tools/ci/checkpoint_check.sh (or set it to the folder made by "
                    + "tools/fixtures/trained_checkpoints.py)")
        }
        return URL(fileURLWithPath: path, isDirectory: true)
    }

    static func manifest() throws -> Manifest {
        let data = try Data(contentsOf: try folder().appendingPathComponent("MANIFEST.json"))
        return try JSONDecoder().decode(Manifest.self, from: data)
    }

    /// A little-endian float32 file of `count` values.
    static func floats(_ file: String, count: Int) throws -> [Float] {
        let data = try Data(contentsOf: try folder().appendingPathComponent(file))
        XCTAssertEqual(data.count, count * 4, file)
        return data.withUnsafeBytes { raw in
            (0..<min(count, data.count / 4)).map {
                Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)))
            }
        }
    }

    // MARK: - Running one case

    func check(_ caseName: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let folder = try Self.folder()
        let manifest = try Self.manifest()
        let spec = try XCTUnwrap(
            manifest.cases.first { $0.name == caseName }, "no case \(caseName)", file: file, line: line)
        // A fresh load per case: a train forward moves BatchNorm running statistics.
        let loaded = try CheckpointLoader.load(contentsOf: folder.appendingPathComponent(spec.model))
        let model = loaded.model
        let shape = [spec.batch, 3, spec.imgsz, spec.imgsz]
        let input = try Self.floats(spec.input, count: shape.reduce(1, *))
        XCTAssertEqual(
            input, FormulaWeights.input(batch: spec.batch, size: spec.imgsz).scalars,
            "\(spec.input) is not the formula input", file: file, line: line)
        let x = Tensor(input, shape: shape)
        var ours: [String: Tensor] = [:]
        if spec.mode == "eval" {
            model.eval()
            model.detect.endToEnd = false
            ours["decoded"] = noGrad { model.predict(x) }
            if model.detect.oneToOneCv2 != nil {
                model.detect.endToEnd = true
                ours["end2end"] = noGrad { model.predict(x) }
                model.detect.endToEnd = false
            }
        } else {
            model.train()
            let out = noGrad { model(x) }
            ours["one2many-boxes"] = out.oneToMany.boxes
            ours["one2many-scores"] = out.oneToMany.scores
            ours["one2one-boxes"] = out.oneToOne?.boxes
            ours["one2one-scores"] = out.oneToOne?.scores
        }
        XCTAssertEqual(Set(ours.keys), Set(spec.outputs.map(\.key)), caseName, file: file, line: line)
        for output in spec.outputs {
            let tensor = try XCTUnwrap(ours[output.key], file: file, line: line)
            XCTAssertEqual(tensor.shape, output.shape, "\(caseName) \(output.key)", file: file, line: line)
            guard tensor.shape == output.shape else { continue }
            let reference = try Self.floats(output.file, count: output.count)
            let errors = ForwardComparison.errors(
                tensor, reference, output: output, tolerance: Self.tolerance, file: file, line: line)
            for (part, error) in errors {
                print(
                    "PARITY trained \(caseName) \(output.key)\(part.isEmpty ? "" : " " + part): "
                        + String(format: "%.3g", error) + " (max|Δ|/max|ref|, limit \(Self.tolerance))")
                XCTAssertLessThanOrEqual(
                    error, Self.tolerance, "\(caseName) \(output.key) \(part)", file: file, line: line)
            }
        }
    }
}
