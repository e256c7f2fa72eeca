import XCTest
@testable import DataTools

final class DataToolsModuleTests: XCTestCase {
    func testModuleLinks() { XCTAssertNotNil(DataToolsModule.self) }
}
