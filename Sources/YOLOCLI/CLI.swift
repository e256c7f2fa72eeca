import Foundation

/// Entry point of the `yolo` command.
public enum YOLOCommand {
    public static func main(_ arguments: [String]) -> Int32 {
        print("yolo: no modes yet")
        return 0
    }
}
