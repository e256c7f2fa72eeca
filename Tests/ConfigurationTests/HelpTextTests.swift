import XCTest

@testable import Configuration

/// Help texts generated from the key table, checked against golden files.
final class HelpTextTests: XCTestCase {
    func testGeneralHelp() {
        assertGolden(HelpText.text(for: .general), "help.txt")
        for mode in Mode.allCases where mode.isImplemented {
            XCTAssertTrue(HelpText.general.contains("\n  \(mode.rawValue) "), mode.rawValue)
        }
        XCTAssertTrue(
            HelpText.general.contains(
                "yolo train model=weights/yolo26n.pt data=data.yaml epochs=100 imgsz=640 batch=-1"))
    }

    func testModeHelp() {
        assertGolden(HelpText.text(for: .routine(.train)), "help-train.txt")
        assertGolden(HelpText.text(for: .routine(.predict)), "help-predict.txt")
        assertGolden(HelpText.text(for: .routine(.learn)), "help-learn.txt")
        assertGolden(HelpText.text(for: .routine(.dataSplit)), "help-data-split.txt")
        assertGolden(HelpText.text(for: .data), "help-data.txt")
        let train = HelpText.text(for: .routine(.train))
        XCTAssertTrue(train.contains("\n  epochs=100 "))
        XCTAssertTrue(train.contains("number of epochs to train for"))
        XCTAssertFalse(train.contains("\n  source="), "predict-only keys are not listed for train")
    }

    func testEveryRoutineHasHelpListingItsKeys() {
        for routine in Routine.allCases {
            let text = HelpText.text(for: .routine(routine))
            XCTAssertTrue(text.hasPrefix("Usage: yolo "), "\(routine)")
            for spec in KeyTable.keys(for: routine) where spec.name != "mode" && spec.name != "cfg" {
                XCTAssertTrue(text.contains("\n  \(spec.name)="), "\(routine) help lists \(spec.name)")
            }
        }
    }

    func testDefaultsTextIsTheFullDefaultConfiguration() throws {
        let loaded = try Configuration.load(argsYAML: HelpText.defaults, file: "default_copy.yaml")
        XCTAssertEqual(loaded.entries, Configuration.defaults.entries)
        let topLevel = HelpText.defaults.split(separator: "\n").filter { !$0.hasPrefix("-") && !$0.hasPrefix(" ") }
        XCTAssertEqual(topLevel.count, KeyTable.all.count)
    }
}
