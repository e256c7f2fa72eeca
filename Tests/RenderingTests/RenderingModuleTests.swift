import XCTest
@testable import Rendering

final class RenderingModuleTests: XCTestCase {
    func testModuleLinks() { XCTAssertNotNil(RenderingModule.self) }
}
