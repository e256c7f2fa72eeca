import Foundation

/// Paths the tests share: the package root and `../shared` beside the checkout (CI lays it out the same way).
public enum TestPaths {
    /// The package root (the folder holding Package.swift).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// `../shared` beside the checkout.
    public static var shared: URL { packageRoot.deletingLastPathComponent().appendingPathComponent("shared") }

    /// `../shared/datasets/<name>`.
    public static func dataset(_ name: String) -> URL { shared.appendingPathComponent("datasets/\(name)") }

    /// A committed fixture file under `Tests/Fixtures/<relative>`.
    public static func fixture(_ relative: String) -> URL {
        packageRoot.appendingPathComponent("Tests/Fixtures/\(relative)")
    }

    /// A fresh temporary folder, removed by the caller or at reboot.
    public static func temporaryDirectory(_ label: String = "yolo-test") -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
