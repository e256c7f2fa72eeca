import XCTest
@testable import Plots

final class PlotsModuleTests: XCTestCase {
    func testModuleLinks() { XCTAssertNotNil(PlotsModule.self) }
}
