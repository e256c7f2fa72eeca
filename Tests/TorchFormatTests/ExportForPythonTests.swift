import Foundation
import TestSupport
@testable import TorchFormat
import XCTest

/// Writes files for `tools/fixtures/verify_pt_roundtrip.py` (torch.load(weights_only=True) in Python) when
/// `TORCHFORMAT_EXPORT_DIR` is set; skipped otherwise, since Python never runs inside `swift test`.
final class ExportForPythonTests: XCTestCase {
    func testExportFilesForTorchLoad() throws {
        guard let folder = ProcessInfo.processInfo.environment["TORCHFORMAT_EXPORT_DIR"], !folder.isEmpty else {
            throw XCTSkip("set TORCHFORMAT_EXPORT_DIR to write files for tools/fixtures/verify_pt_roundtrip.py")
        }
        let directory = URL(fileURLWithPath: folder, isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var checkpoint = try RoundTripTests.ourCheckpoint()
        guard case .dict(var items) = checkpoint else { return XCTFail("checkpoint is not a dict") }
        items.append(PickleDictItem(.string("dtypes"), try loadFixture("dtypes.pt").root))
        items.append(PickleDictItem(.string("values"), try loadFixture("values-p2.pt").root))
        checkpoint = .dict(items)
        try TorchCheckpointWriter.write(checkpoint, to: directory.appendingPathComponent("swift-checkpoint.pt"))
        let zip64 = try TorchCheckpointWriter.encode(try loadFixture("dtypes.pt").root, archiveName: "swift-zip64",
                                                     forceZip64: true)
        try TorchCheckpointWriter.writeAtomically(zip64, to: directory.appendingPathComponent("swift-zip64.pt"))
    }
}
