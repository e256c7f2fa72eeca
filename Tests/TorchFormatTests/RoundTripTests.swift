import Foundation
import TestSupport
@testable import TorchFormat
import XCTest
import ZIPFoundation

/// Our writer's files read back identically by our reader, and are well-formed torch zip archives.
final class RoundTripTests: XCTestCase {
    /// A checkpoint in our layout, built from the real fixtures: fp32 `model`, fp16 `ema`, optimizer, args, yaml.
    static func ourCheckpoint() throws -> PickleValue {
        let stripped = try loadFixture("tiny-yolo26-last.pt")
        let resumable = try loadFixture("tiny-yolo26-resumable.pt")
        let ema = try stripped.stateDict("model")
        var model = TorchStateDict()
        for entry in ema {
            model[entry.name] = entry.tensor.dtype == .float16
                ? TorchTensor(floats: entry.tensor.floats(), shape: entry.tensor.shape) : entry.tensor
        }
        return .dict([
            "epoch": .int(3), "best_fitness": .float(0.25), "model": model.pickleValue, "ema": ema.pickleValue,
            "optimizer": try XCTUnwrap(resumable["optimizer"]), "train_args": try XCTUnwrap(resumable["train_args"]),
            "train_metrics": try XCTUnwrap(resumable["train_metrics"]),
            "train_results": try XCTUnwrap(resumable["train_results"]),
            "yaml": try XCTUnwrap(stripped["model"]?["yaml"]), "date": .string("2026-11-27T15:00:00+00:00"),
            "version": .string("8.4.190"),
        ])
    }

    func testCheckpointRoundTripIsIdentical() throws {
        let value = try Self.ourCheckpoint()
        let data = try TorchCheckpointWriter.encode(value)
        let read = try TorchCheckpoint(data: data)
        XCTAssertEqual(read.root, value)
        XCTAssertEqual(read.keys.first, "epoch")
        XCTAssertEqual(read.modelYAML, try loadFixture("tiny-yolo26-last.pt").modelYAML)
        XCTAssertEqual(try read.stateDict("model").names, try loadFixture("tiny-yolo26-last.pt").stateDict().names)
        XCTAssertEqual(try TorchCheckpointWriter.encode(value), data, "the same content gives the same bytes")
    }

    func testPythonValuesRoundTrip() throws {
        let value = try loadFixture("values-p4.pt").root
        let read = try TorchCheckpoint(data: try TorchCheckpointWriter.encode(value))
        XCTAssertEqual(read.root, value)
        assertValue(read.root, matches: try ExpectedValues.record("values"), "values after round trip")
    }

    func testViewsAndSharedStoragesSurviveRoundTrip() throws {
        let value = try loadFixture("dtypes.pt").root
        let data = try TorchCheckpointWriter.encode(value)
        let read = try TorchCheckpoint(data: data)
        assertValue(read.root, matches: try ExpectedValues.record("dtypes.pt"), "dtypes after round trip")
        XCTAssertEqual(read["f32_transposed"]?.tensor?.storage.key, read["f32"]?.tensor?.storage.key)
        XCTAssertEqual(read["expanded"]?.tensor?.strides, [0, 1])
        let storageEntries = try Archive(data: data, accessMode: .read).filter { $0.path.contains("/data/") }
        let distinct = Set(value.dictItems!.compactMap { $0.value.tensor?.storage.key })
        XCTAssertEqual(storageEntries.count, distinct.count, "one entry per distinct storage")
    }

    func testArchiveIsValidZipWithAlignedStoredEntries() throws {
        let data = try TorchCheckpointWriter.encode(try loadFixture("dtypes.pt").root, archiveName: "dtypes")
        let archive = try Archive(data: data, accessMode: .read)
        let names = archive.map(\.path)
        XCTAssertEqual(Array(names.prefix(5)), ["dtypes/data.pkl", "dtypes/.format_version",
                                                "dtypes/.storage_alignment", "dtypes/byteorder", "dtypes/data/0"])
        XCTAssertEqual(Array(names.suffix(2)), ["dtypes/version", "dtypes/.data/serialization_id"])
        let reader = try ZipArchiveReader(data: data)
        for entry in archive {
            XCTAssertEqual(entry.type, .file)
            var extracted = Data()
            _ = try archive.extract(entry, skipCRC32: false) { extracted.append($0) }  // ZIPFoundation checks CRCs
            let ours = try XCTUnwrap(reader.entry(named: entry.path))
            XCTAssertEqual(try reader.contents(of: ours), extracted, entry.path)
            let header = ours.localHeaderOffset
            let nameLength = Int(data[header + 26]) | Int(data[header + 27]) << 8
            let extraLength = Int(data[header + 28]) | Int(data[header + 29]) << 8
            XCTAssertEqual((header + 30 + nameLength + extraLength) % 64, 0, "\(entry.path) data is 64-byte aligned")
        }
    }

    func testZip64ExtraFieldsAreRead() throws {
        let value = try loadFixture("values-p2.pt").root
        let data = try TorchCheckpointWriter.encode(value, archiveName: "archive", forceZip64: true)
        XCTAssertEqual(try TorchCheckpoint(data: data).root, value)
        // (ZIPFoundation 0.9.20 traps on ZIP64 extras of small entries; Python's zipfile and torch.load read this form:
        // tools/fixtures/verify_pt_roundtrip.py checks the exported swift-zip64.pt.)
    }

    func testAtomicWriteReplacesTheFileAndLeavesNoTemporaries() throws {
        let folder = TestPaths.temporaryDirectory("torchformat")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("last.pt")
        try TorchCheckpointWriter.write(.dict(["epoch": .int(1)]), to: url)
        try TorchCheckpointWriter.write(.dict(["epoch": .int(2)]), to: url)
        XCTAssertEqual(try TorchCheckpoint(contentsOf: url)["epoch"], .int(2))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["last.pt"])
        let missing = folder.appendingPathComponent("no-such-folder/last.pt")
        XCTAssertThrowsError(try TorchCheckpointWriter.write(.dict(["epoch": .int(1)]), to: missing)) { error in
            XCTAssertEqual((error as? TorchFormatError)?.file, missing.path)
        }
    }

    func testStoragesFromDifferentFilesWithTheSameKeyStaySeparate() throws {
        let first = TorchTensor(floats: [1, 2], shape: [2])
        let other = try TorchTensor(storage: TorchStorage(key: first.storage.key, dtype: .float32,
                                                          bytes: Data(count: 8)), shape: [2])
        let view = try TorchTensor(storage: first.storage, shape: [1], storageOffset: 1)
        let read = try TorchCheckpoint(data: try TorchCheckpointWriter.encode(
            .list([.tensor(first), .tensor(other), .tensor(view)])))
        let tensors = (read.root.elements ?? []).compactMap(\.tensor)
        XCTAssertEqual(tensors.map { $0.floats() }, [[1, 2], [0, 0], [2]])
        XCTAssertEqual(tensors.map(\.storage.key), ["0", "1", "0"], "the view still shares its storage")
    }

    func testWriterRejectsWhatWeightsOnlyCannotLoad() throws {
        let module = PickleValue.object(PickleObject(className: "ultralytics.nn.tasks.DetectionModel"))
        XCTAssertThrowsError(try TorchCheckpointWriter.encode(.dict(["model": module]))) { error in
            guard case .unsupportedValue(let what)? = (error as? TorchFormatError)?.kind else {
                return XCTFail("\(error)")
            }
            XCTAssertTrue(what.contains("DetectionModel"), what)
        }
        XCTAssertThrowsError(try TorchCheckpointWriter.encode(.dict([PickleDictItem(.list([]), .none)])))
    }
}
