import Foundation
import Rendering

/// Counts pixels of `canvas` inside `rect` that are not white (anything drawn).
func ink(_ canvas: Canvas, _ rect: PixelRect) -> Int { canvas.countPixels(in: rect, differingFrom: .white) }

/// Counts pixels inside `rect` close to `color` (each channel within `tolerance`).
func pixels(_ canvas: Canvas, _ rect: PixelRect, near color: RGB, tolerance: Int = 30) -> Int {
    let r = rect.clipped(width: canvas.width, height: canvas.height)
    var count = 0
    for y in r.y..<r.maxY {
        for x in r.x..<r.maxX {
            let p = canvas[x, y]
            if abs(Int(p.r) - Int(color.r)) <= tolerance && abs(Int(p.g) - Int(color.g)) <= tolerance
                && abs(Int(p.b) - Int(color.b)) <= tolerance { count += 1 }
        }
    }
    return count
}

/// Writes `canvas` to `$PLOTS_TEST_OUTPUT/<name>` when that variable is set, to look at what the tests drew.
func keep(_ canvas: Canvas, _ name: String) {
    guard let folder = ProcessInfo.processInfo.environment["PLOTS_TEST_OUTPUT"], !folder.isEmpty else { return }
    try? canvas.write(to: URL(fileURLWithPath: folder).appendingPathComponent(name))
}
