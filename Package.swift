// swift-tools-version:6.1
import Foundation
import PackageDescription

// Optional CPU tuning: `YOLO_TARGET_CPU=native make ...` (or a name such as `skylake-avx512`, `znver5`).
// The default builds for baseline x86-64 so the binaries run on any machine.
let targetCPU = ProcessInfo.processInfo.environment["YOLO_TARGET_CPU"].flatMap { $0.isEmpty ? nil : $0 }
let tuned: [SwiftSetting] = targetCPU.map { [.unsafeFlags(["-Xcc", "-march=\($0)", "-target-cpu", $0])] } ?? []
let common: [SwiftSetting] = [.swiftLanguageMode(.v5)] + tuned

let package = Package(
    name: "YOLOSwift",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "yolo", targets: ["yolo"]),
        .executable(name: "yolo-bench", targets: ["yolo-bench"]),
        .library(name: "YOLO", targets: ["YOLOCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        // C libraries from Debian (scripts/setup installs them).
        .systemLibrary(name: "CDNNL", path: "Sources/CDNNL"),
        .systemLibrary(name: "CTurboJPEG", path: "Sources/CTurboJPEG"),
        .systemLibrary(name: "CSPNG", path: "Sources/CSPNG"),
        .systemLibrary(name: "CFreeType", path: "Sources/CFreeType", pkgConfig: "freetype2"),
        // The FMA peak probe of `yolo-bench` (C, so the loop gets AVX-512 whatever the Swift target CPU is).
        .target(name: "CPeak", cSettings: [.unsafeFlags(["-O2"])]),

        // Engine layers, one-way: Kernels → Tensors → NN → Models → Training → YOLOCLI.
        .target(name: "Kernels", dependencies: ["CDNNL"], swiftSettings: common),
        .target(name: "Tensors", dependencies: ["Kernels"], swiftSettings: common),
        .target(name: "NN", dependencies: ["Tensors"], swiftSettings: common),
        .target(name: "Models", dependencies: ["NN", .product(name: "Yams", package: "Yams")], swiftSettings: common),
        .target(name: "TorchFormat", dependencies: ["ZIPFoundation"], swiftSettings: common),
        .target(
            name: "YOLOData", dependencies: ["CTurboJPEG", "CSPNG", .product(name: "Yams", package: "Yams")],
            swiftSettings: common),
        .target(name: "Evaluation", swiftSettings: common),
        .target(name: "Configuration", dependencies: [.product(name: "Yams", package: "Yams")], swiftSettings: common),
        // Pictures: an RGB canvas with shapes and FreeType text (DejaVu), PNG/JPEG out.
        .target(name: "Rendering", dependencies: ["CFreeType", "CSPNG", "CTurboJPEG"], swiftSettings: common),
        .target(
            name: "Training",
            dependencies: ["Tensors", "NN", "Models", "TorchFormat", "YOLOData", "Evaluation", "Configuration", "Rendering", "DataTools"],
            swiftSettings: common),
        // Training callbacks: plots (results.png, curves, confusion matrices, batches) and trackers (TensorBoard, MLflow).
        .target(name: "Plots", dependencies: ["Rendering", "Evaluation", "YOLOData", "Configuration", "Training"], swiftSettings: common),
        .target(name: "Tracking", dependencies: ["Configuration", "Training"], swiftSettings: common),
        // Data tools: split, leakage check, class statistics, run diagnosis.
        .target(name: "DataTools", dependencies: ["YOLOData", "Evaluation"], swiftSettings: common),
        .target(
            name: "YOLOCLI",
            dependencies: ["Training", "Configuration", "YOLOData", "Plots", "Tracking", "DataTools"],
            swiftSettings: common),
        .executableTarget(name: "yolo", dependencies: ["YOLOCLI"], swiftSettings: common),
        .executableTarget(name: "yolo-bench", dependencies: ["Kernels", "Tensors", "NN", "Models", "CPeak"], swiftSettings: common),

        // Tests (each layer without the ones above it).
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: common),
        .testTarget(name: "KernelsTests", dependencies: ["Kernels", "TestSupport"], swiftSettings: common),
        .testTarget(name: "TensorsTests", dependencies: ["Tensors", "NN", "TestSupport"], swiftSettings: common),
        .testTarget(name: "TorchFormatTests", dependencies: ["TorchFormat", "TestSupport"], swiftSettings: common),
        .testTarget(name: "YOLODataTests", dependencies: ["YOLOData", "TestSupport"], swiftSettings: common),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "TestSupport"], swiftSettings: common),
        .testTarget(name: "ConfigurationTests", dependencies: ["Configuration", "TestSupport"], swiftSettings: common),
        .testTarget(name: "ModelsTests", dependencies: ["Models", "TestSupport"], swiftSettings: common),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "TestSupport"], swiftSettings: common),
        .testTarget(name: "RenderingTests", dependencies: ["Rendering", "TestSupport"], swiftSettings: common),
        .testTarget(name: "PlotsTests", dependencies: ["Plots", "TestSupport"], swiftSettings: common),
        .testTarget(name: "TrackingTests", dependencies: ["Tracking", "TestSupport"], swiftSettings: common),
        .testTarget(name: "DataToolsTests", dependencies: ["DataTools", "TestSupport"], swiftSettings: common),
        .testTarget(name: "CLITests", dependencies: ["YOLOCLI", "TestSupport"], swiftSettings: common),
    ]
)
