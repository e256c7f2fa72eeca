import Foundation

/// The reference's per-epoch progress line (`Epoch  RAM  box_loss  cls_loss  dfl_loss  Instances  Size: 45% ━━━ 9/20
/// 2.1it/s 4.3s<5.2s`): redrawn in place on a terminal, a single finished line per epoch otherwise.
final class ProgressDisplay {
    private let lossNames: [String]
    private let epochs: Int
    private let imgsz: Int
    private let interactive: Bool
    private let log: (String) -> Void
    private var lastDraw = Date.distantPast

    init(lossNames: [String], epochs: Int, imgsz: Int, interactive: Bool = isatty(STDOUT_FILENO) != 0,
         log: @escaping (String) -> Void) {
        self.lossNames = lossNames
        self.epochs = epochs
        self.imgsz = imgsz
        self.interactive = interactive
        self.log = log
    }

    /// The column header printed before each epoch.
    var header: String {
        (["Epoch", "RAM"] + lossNames + ["Instances", "Size"]).map { $0.leftPadded(to: 11) }.joined()
    }

    /// Redraws the line after batch `done` of `total` (terminal only, at most 10 times a second).
    func update(epoch: Int, done: Int, total: Int, losses: [Double], instances: Int, started: Date) {
        guard interactive else { return }
        let now = Date()
        guard done == total || now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        let text = line(epoch: epoch, done: done, total: total, losses: losses, instances: instances, started: started)
        FileHandle.standardOutput.write(Data(("\r" + text + "\u{1B}[K").utf8))
    }

    /// Ends the epoch's line: a newline on a terminal, the finished line through `log` otherwise.
    func finish(epoch: Int, total: Int, losses: [Double], instances: Int, started: Date) {
        let text = line(epoch: epoch, done: total, total: total, losses: losses, instances: instances, started: started)
        if interactive {
            FileHandle.standardOutput.write(Data(("\r" + text + "\u{1B}[K\n").utf8))
        } else {
            log(text)
        }
    }

    func line(epoch: Int, done: Int, total: Int, losses: [Double], instances: Int, started: Date) -> String {
        let elapsed = Date().timeIntervalSince(started)
        let rate = Double(done) / max(elapsed, 1e-9)
        let remaining = rate > 0 ? Double(total - done) / rate : 0
        let percent = total > 0 ? done * 100 / total : 100
        let filled = total > 0 ? done * 12 / total : 12
        let bar = String(repeating: "━", count: filled) + String(repeating: "─", count: 12 - filled)
        let memory = String(format: "%.2fG", Double(ResidentMemory.current()) / 1_073_741_824)
        let columns = ["\(epoch + 1)/\(epochs)", memory] + losses.map { String(format: "%.4g", $0) }
            + ["\(instances)", "\(imgsz)"]
        let speed = rate >= 1 ? String(format: "%.1fit/s", rate) : String(format: "%.1fs/it", 1 / max(rate, 1e-9))
        let time = done < total ? String(format: "%.1fs<%.1fs", elapsed, remaining) : String(format: "%.1fs", elapsed)
        return columns.map { $0.leftPadded(to: 11) }.joined() + ": \(percent)% \(bar) \(done)/\(total) \(speed) \(time)"
    }
}

/// Resident and peak memory of this process, from /proc/self/status.
public enum ResidentMemory {
    /// Current resident set size in bytes (VmRSS).
    public static func current() -> Int { field("VmRSS:") }
    /// Peak resident set size in bytes (VmHWM).
    public static func peak() -> Int { field("VmHWM:") }

    private static func field(_ name: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name) }) else { return 0 }
        let kb = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return kb * 1024
    }
}

extension String {
    /// Right-aligned in a field of `width` characters.
    func leftPadded(to width: Int) -> String {
        count >= width ? " " + self : String(repeating: " ", count: width - count) + self
    }
}
