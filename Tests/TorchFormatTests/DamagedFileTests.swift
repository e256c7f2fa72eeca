import Foundation
import TestSupport
@testable import TorchFormat
import XCTest

/// Damaged or foreign files give typed errors that name the file and what was found, and never crash.
final class DamagedFileTests: XCTestCase {
    /// A valid archive of a small checkpoint written by our writer.
    private func validArchive() throws -> Data {
        try TorchCheckpointWriter.encode(.dict(["weight": .tensor(TorchTensor(floats: [1, 2, 3], shape: [3]))]))
    }

    /// An archive whose `data.pkl` is `pickle` (and nothing else).
    private func archive(pickle: [UInt8]) -> Data {
        var zip = ZipArchiveWriter()
        zip.add("archive/data.pkl", contents: Data(pickle))
        zip.add("archive/version", contents: Data("3\n".utf8))
        return zip.finish()
    }

    /// The error kind thrown when reading `data`, failing the test if nothing or something else is thrown.
    private func kind(reading data: Data, file: StaticString = #filePath, line: UInt = #line) -> TorchFormatError.Kind? {
        do {
            _ = try TorchCheckpoint(data: data, name: "damaged.pt")
            XCTFail("read without error", file: file, line: line)
        } catch let error as TorchFormatError {
            XCTAssertEqual(error.file, "damaged.pt", file: file, line: line)
            XCTAssertTrue(error.description.hasPrefix("damaged.pt: "), error.description, file: file, line: line)
            return error.kind
        } catch {
            XCTFail("untyped error \(error)", file: file, line: line)
        }
        return nil
    }

    func testTruncatedZip() throws {
        let data = try validArchive()
        for length in [data.count / 2, data.count - 1, 30] {
            guard case .truncated? = kind(reading: data.prefix(length)) else { return XCTFail("cut at \(length)") }
        }
    }

    func testWrongMagic() throws {
        var data = try validArchive()
        data.replaceSubrange(0..<4, with: [0x7f, 0x45, 0x4c, 0x46])
        XCTAssertEqual(kind(reading: data), .notAZipArchive(found: "leading bytes 7f 45 4c 46"))
        guard case .notAZipArchive(let found)? = kind(reading: Data([0x80, 0x02, 0x8a, 0x0a])) else {
            return XCTFail("legacy pickle not recognised")
        }
        XCTAssertTrue(found.contains("legacy"), found)
        XCTAssertEqual(kind(reading: Data()), .notAZipArchive(found: "an empty file"))
    }

    func testMissingStorage() throws {
        var data = try validArchive()
        // Rename the storage entry (in its local and central headers) so that `archive/data/0` is absent.
        let name = Data("archive/data/0".utf8), other = Data("archive/data/X".utf8)
        while let range = data.range(of: name) { data.replaceSubrange(range, with: other) }
        XCTAssertEqual(kind(reading: data), .missingEntry("archive/data/0"))
    }

    func testMissingPickle() {
        var zip = ZipArchiveWriter()
        zip.add("archive/version", contents: Data("3\n".utf8))
        XCTAssertEqual(kind(reading: zip.finish()), .missingEntry("<folder>/data.pkl"))
    }

    func testUnknownOpcode() {
        XCTAssertEqual(kind(reading: archive(pickle: [0x80, 0x02, 0x7D, 0xFF])), .unknownOpcode(0xFF, offset: 3))
    }

    func testTruncatedPickle() {
        // BINUNICODE announcing 16 bytes with only 1 left; and a program without STOP.
        guard case .truncatedPickle? = kind(reading: archive(pickle: [0x80, 0x02, 0x58, 0x10, 0, 0, 0, 0x61])) else {
            return XCTFail("short string")
        }
        guard case .truncatedPickle? = kind(reading: archive(pickle: [0x80, 0x02, 0x7D])) else {
            return XCTFail("no STOP")
        }
    }

    func testInvalidProgram() {
        let programs: [[UInt8]] = [
            [0x80, 0x02, 0x52, 0x2E],  // REDUCE on an empty stack
            [0x80, 0x02, 0x68, 0x05, 0x2E],  // BINGET of a key never stored
            [0x80, 0x02, 0x4E, 0x4E, 0x73, 0x2E],  // SETITEM on None
            [0x80, 0x06, 0x4E, 0x2E],  // protocol 6
        ]
        for program in programs {
            guard case .invalidPickle? = kind(reading: archive(pickle: program)) else { return XCTFail("\(program)") }
        }
    }

    func testDeepNestingIsRejectedWithoutExhaustingTheStack() {
        let depth = 300_000
        let lists = [0x80, 0x02] + [UInt8](repeating: 0x5D, count: depth) + [UInt8](repeating: 0x61, count: depth - 1)
        let tuples = [0x80, 0x02, 0x4E] + [UInt8](repeating: 0x85, count: depth)
        for program in [lists, tuples] {
            guard case .invalidPickle(let what, _)? = kind(reading: archive(pickle: program + [0x2E])) else {
                return XCTFail("deep nesting accepted")
            }
            XCTAssertTrue(what.contains("nested deeper"), what)
        }
    }

    func testCorruptStorageFailsItsChecksum() throws {
        var data = try validArchive()
        let value = Data([0x00, 0x00, 0x40, 0x40])  // 3.0f, the last element
        let range = try XCTUnwrap(data.range(of: value))
        data[range.lowerBound + 3] = 0x41
        guard case .corruptArchive(let what)? = kind(reading: data) else { return XCTFail("CRC not checked") }
        XCTAssertTrue(what.contains("CRC-32 of 'archive/data/0'"), what)
        XCTAssertNoThrow(try TorchCheckpoint(data: data, verifyChecksums: false), "checks can be switched off")
    }

    func testViewOutsideItsStorage() throws {
        let storage = TorchStorage(key: "0", dtype: .float32, bytes: Data(count: 12))
        XCTAssertThrowsError(try TorchTensor(storage: storage, shape: [2, 2]))
        XCTAssertThrowsError(try TorchTensor(storage: storage, shape: [2], strides: [2], storageOffset: 1))
        XCTAssertThrowsError(try TorchTensor(storage: storage, shape: [2], strides: [-1], storageOffset: 1))
        XCTAssertThrowsError(try TorchTensor(storage: storage, shape: [Int.max, 3]))
        XCTAssertNoThrow(try TorchTensor(storage: storage, shape: [2], strides: [2], storageOffset: 0))
        XCTAssertEqual(try TorchTensor(storage: storage, shape: [0, 5], storageOffset: 99).floats(), [])
    }

    func testStorageSizeDisagreeingWithThePickle() throws {
        var data = try validArchive()
        // The pickle says numel 3 (BININT1 3 after the 'cpu' string); claim 4 instead.
        let marker = Data([0x58, 0x03, 0, 0, 0]) + Data("cpu".utf8) + Data([0x4B, 0x03])
        let range = try XCTUnwrap(data.range(of: marker))
        data[range.upperBound - 1] = 0x04
        // (data.pkl's CRC no longer matches either; read without checksums to reach the storage check.)
        XCTAssertThrowsError(try TorchCheckpoint(data: data, verifyChecksums: false)) { error in
            guard case .invalidTensor(let what)? = (error as? TorchFormatError)?.kind else { return XCTFail("\(error)") }
            XCTAssertTrue(what.contains("holds 12 bytes"), what)
        }
    }

    func testErrorsNameTheFileOnDisk() throws {
        let folder = TestPaths.temporaryDirectory("torchformat")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("cut.pt")
        try validArchive().prefix(100).write(to: url)
        XCTAssertThrowsError(try TorchCheckpoint(contentsOf: url)) { error in
            XCTAssertTrue("\(error)".hasPrefix(url.path + ": file is truncated"), "\(error)")
        }
        XCTAssertThrowsError(try TorchCheckpoint(contentsOf: folder.appendingPathComponent("absent.pt"))) { error in
            guard case .io? = (error as? TorchFormatError)?.kind else { return XCTFail("\(error)") }
        }
    }

    /// Random truncations and byte flips of a real checkpoint either read or throw a `TorchFormatError`.
    func testRandomDamageNeverCrashes() throws {
        let original = try Data(contentsOf: TestPaths.fixture("TorchFormat/values-p2.pt"))
        var generator = SplitMix64(seed: 0x70_72_6f_74)
        var outcomes = (read: 0, failed: 0)
        for trial in 0..<300 {
            var data = original
            if trial % 3 == 0 {
                data = data.prefix(Int(generator.next() % UInt64(data.count)))
            } else {
                for _ in 0..<(1 + trial % 4) {
                    let index = Int(generator.next() % UInt64(data.count))
                    data[index] = UInt8(truncatingIfNeeded: generator.next())
                }
            }
            do {
                _ = try TorchCheckpoint(data: data, verifyChecksums: trial % 2 == 0)
                outcomes.read += 1
            } catch is TorchFormatError {
                outcomes.failed += 1
            }
        }
        XCTAssertGreaterThan(outcomes.failed, 100, "most damage is detected")
    }

    /// Random mutations of a real Ultralytics module pickle (NEWOBJ, BUILD, memo, tensors) never trap.
    func testRandomMutationsOfAModulePickleNeverCrash() throws {
        let archive = try ZipArchiveReader(data: try Data(contentsOf: TestPaths.fixture("TorchFormat/tiny-yolo26-last.pt")))
        let program = [UInt8](try archive.contents(of: try XCTUnwrap(archive.entry(named: "last/data.pkl"))))
        let storage = TorchStorage(key: "any", dtype: .float16, bytes: Data(count: 1 << 20))
        var generator = SplitMix64(seed: 99)
        var outcomes = (read: 0, failed: 0)
        for trial in 0..<40 {
            var mutated = program
            for _ in 0..<(1 + trial % 5) {
                // Mutate near the start too, where the module structure is opened.
                let limit = UInt64(trial % 2 == 0 ? mutated.count : min(mutated.count, 4096))
                mutated[Int(generator.next() % limit)] = UInt8(truncatingIfNeeded: generator.next())
            }
            do {
                _ = try PickleMachine.load(mutated) { _ in .storage(storage) }
                outcomes.read += 1
            } catch is TorchFormatError {
                outcomes.failed += 1
            }
        }
        XCTAssertGreaterThan(outcomes.failed, 0, "some mutations must be detected")
    }

    /// Random mutations of a pickle program run through the machine without trapping.
    func testRandomPickleMutationsNeverCrash() throws {
        let program = try PickleWriter.encode(try loadFixture("dtypes.pt").root).pickle
        var generator = SplitMix64(seed: 42)
        var failures = 0
        for trial in 0..<1500 {
            var mutated = program
            for _ in 0..<(1 + trial % 3) {
                mutated[Int(generator.next() % UInt64(mutated.count))] = UInt8(truncatingIfNeeded: generator.next())
            }
            do {
                _ = try PickleMachine.load(mutated) { _ in .none }
            } catch is TorchFormatError {
                failures += 1
            }
        }
        XCTAssertGreaterThan(failures, 0)
    }
}

/// A small deterministic random generator for the damage tests.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
