import Foundation
import TestSupport
import XCTest
@testable import YOLOData

final class DatasetConfigTests: XCTestCase {
    func testCoco8YamlResolvesPathsAgainstItsFolder() throws {
        let yaml = TestPaths.dataset("coco8").appendingPathComponent("data.yaml")
        let config = try DatasetConfig(contentsOf: yaml)
        XCTAssertEqual(config.classCount, 80)
        XCTAssertEqual(config.names[0], "person")
        XCTAssertEqual(config.names[79], "toothbrush")
        XCTAssertEqual(config.root.path, TestPaths.dataset("coco8").standardizedFileURL.path)
        XCTAssertEqual(config.sources[.train]?.map(\.lastPathComponent), ["train"])
        XCTAssertEqual(config.sources[.val]?.map(\.path), [config.root.appendingPathComponent("images/val").path])
        XCTAssertNil(config.sources[.test])
        XCTAssertTrue(config.notes.contains { $0.contains("path \(config.root.path)") }, "resolved paths are printed")
    }

    func testNamesAsListAndNcAgree() throws {
        let b = DatasetBuilder(); defer { b.remove() }
        b.jpeg("imgs/a/x.jpg")
        let url = b.write("cfg/data.yaml", "path: ../imgs\ntrain: a\nval: [a, a]\nnc: 2\nnames: [cat, dog]\n")
        let config = try DatasetConfig(contentsOf: url)
        XCTAssertEqual(config.names, ["cat", "dog"])
        XCTAssertEqual(config.root.path, b.root.appendingPathComponent("imgs").standardizedFileURL.path)
        XCTAssertEqual(config.sources[.val]?.count, 2)
    }

    func testNcWithoutNamesMakesClassNames() throws {
        let b = DatasetBuilder(); defer { b.remove() }
        b.jpeg("images/t/x.jpg")
        let url = b.write("data.yaml", "train: images/t\nval: images/t\nnc: 3\n")
        XCTAssertEqual(try DatasetConfig(contentsOf: url).names, ["class_0", "class_1", "class_2"])
    }

    func testTxtListSplit() throws {
        let b = DatasetBuilder(); defer { b.remove() }
        b.jpeg("images/a.jpg"); b.jpeg("images/b.jpg")
        b.write("train.txt", "./images/a.jpg\nimages/b.jpg\nimages/missing.jpg\n")
        let url = b.write("data.yaml", "path: .\ntrain: train.txt\nval: images\nnames: {0: a}\n")
        let config = try DatasetConfig(contentsOf: url)
        let listing = ImageFiles.list(config.sources[.train]!)
        XCTAssertEqual(listing.files.map { ($0 as NSString).lastPathComponent }, ["a.jpg", "b.jpg"])
        XCTAssertEqual(listing.issues.count, 1)
        assertIssue(listing.issues, contains: ["train.txt:3", "missing.jpg", "not found"])
    }

    func testErrorsNameFileKeyLineAndFix() {
        let b = DatasetBuilder(); defer { b.remove() }
        b.jpeg("images/train/x.jpg")
        func error(_ yaml: String) -> DatasetConfigError? {
            let url = b.write("data.yaml", yaml)
            do { _ = try DatasetConfig(contentsOf: url); return nil } catch { return error as? DatasetConfigError }
        }
        let path = b.root.appendingPathComponent("data.yaml").path

        let typo = error("path: .\ntrian: images/train\nval: images/train\nnames: {0: a}\n")
        XCTAssertEqual(typo?.kind, .unknownKey)
        XCTAssertEqual(typo?.line, 2)
        XCTAssertEqual(typo?.description, "\(path):2: key 'trian': unknown key — did you mean 'train'? — rename it to 'train'")

        let mismatch = error("train: images/train\nval: images/train\nnc: 3\nnames: [a, b]\n")
        XCTAssertEqual(mismatch?.kind, .namesCountMismatch)
        XCTAssertEqual(mismatch?.line, 3)
        XCTAssertTrue(mismatch?.description.contains("nc is 3 but names lists 2 classes") ?? false)

        let missingFolder = error("train: images/train\nval: images/valid\nnames: [a]\n")
        XCTAssertEqual(missingFolder?.kind, .pathNotFound)
        XCTAssertEqual(missingFolder?.key, "val")
        XCTAssertTrue(missingFolder?.description.contains("images/valid") ?? false)

        let notDownloaded = error("train: images/train\nval: images/val2017\nnames: [a]\ndownload: https://example.com/x.zip\n")
        XCTAssertTrue(notDownloaded?.fix.contains("nothing is downloaded") ?? false)

        let missingKey = error("train: images/train\nnames: [a]\n")
        XCTAssertEqual(missingKey?.kind, .missingKey)
        XCTAssertEqual(missingKey?.key, "val")

        let badYAML = error("train: images/train\nval: [images/train\nnames: [a]\n")
        XCTAssertEqual(badYAML?.kind, .badYAML)
        XCTAssertNotNil(badYAML?.line)

        let gap = error("train: images/train\nval: images/train\nnames: {0: a, 2: c}\n")
        XCTAssertEqual(gap?.kind, .badValue)
        XCTAssertTrue(gap?.description.contains("1 is missing") ?? false)

        let noNames = error("train: images/train\nval: images/train\n")
        XCTAssertEqual(noNames?.kind, .missingKey)
        XCTAssertEqual(noNames?.key, "names")

        let notFound = try? DatasetConfig(contentsOf: b.root.appendingPathComponent("nope.yaml"))
        XCTAssertNil(notFound)
    }

    func testUnrelatedExtraKeysAreIgnoredWithANote() throws {
        let b = DatasetBuilder(); defer { b.remove() }
        b.jpeg("images/train/x.jpg")
        let url = b.write("data.yaml", "train: images/train\nval: images/train\nnames: [a]\nroboflow: {workspace: w}\n")
        let config = try DatasetConfig(contentsOf: url)
        XCTAssertTrue(config.notes.contains { $0.contains("'roboflow'") && $0.contains("ignored") })
    }

    func testDidYouMean() {
        XCTAssertEqual(DidYouMean.distance("trian", "train"), 2)
        XCTAssertEqual(DidYouMean.suggestion(for: "nmes", among: DatasetConfig.knownKeys), "names")
        XCTAssertNil(DidYouMean.suggestion(for: "roboflow", among: DatasetConfig.knownKeys))
    }
}
