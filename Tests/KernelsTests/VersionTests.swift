import XCTest
import Kernels

final class VersionTests: XCTestCase {
    func testOneDNNVersionIsReported() {
        XCTAssertTrue(dnnlVersionString().hasPrefix("2."), dnnlVersionString())
    }
}
