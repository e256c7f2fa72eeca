import XCTest
@testable import Tracking

final class TrackingModuleTests: XCTestCase {
    func testModuleLinks() { XCTAssertNotNil(TrackingModule.self) }
}
