/// The model definitions the project ships (detect), found by name without any file on disk. Same architectures as
/// the reference's yolo26.yaml, yolo11.yaml and yolov8.yaml; rows are `[from, repeats, module, args]`.
public enum BuiltinModels {
    /// The unified names that are built in.
    public static let names = ["yolo26.yaml", "yolo11.yaml", "yolov8.yaml"]

    /// The yaml text for a model name such as `yolo26n.yaml` or `yolo11.yaml`, or nil when it is not built in.
    public static func yaml(for name: String) -> String? {
        switch ModelDefinition.unifiedName((name as NSString).lastPathComponent.lowercased()) {
        case "yolo26.yaml": return yolo26
        case "yolo11.yaml": return yolo11
        case "yolov8.yaml": return yolov8
        default: return nil
        }
    }

    /// The definition of a built-in model name at the scale in its name.
    public static func definition(_ name: String) throws -> ModelDefinition? {
        guard let text = yaml(for: name) else { return nil }
        return try ModelDefinition(yaml: text, file: (name as NSString).lastPathComponent)
    }

    static let yolo26 = """
    # YOLO26 detect (P3/8 - P5/32), end-to-end: a one-to-one head beside the one-to-many head, no DFL.
    nc: 80
    end2end: True
    reg_max: 1
    scales: # [depth, width, max_channels]
      n: [0.50, 0.25, 1024]
      s: [0.50, 0.50, 1024]
      m: [0.50, 1.00, 512]
      l: [1.00, 1.00, 512]
      x: [1.00, 1.50, 512]
    backbone:
      - [-1, 1, Conv, [64, 3, 2]] # 0 P1/2
      - [-1, 1, Conv, [128, 3, 2]] # 1 P2/4
      - [-1, 2, C3k2, [256, False, 0.25]]
      - [-1, 1, Conv, [256, 3, 2]] # 3 P3/8
      - [-1, 2, C3k2, [512, False, 0.25]]
      - [-1, 1, Conv, [512, 3, 2]] # 5 P4/16
      - [-1, 2, C3k2, [512, True]]
      - [-1, 1, Conv, [1024, 3, 2]] # 7 P5/32
      - [-1, 2, C3k2, [1024, True]]
      - [-1, 1, SPPF, [1024, 5, 3, True]] # 9
      - [-1, 2, C2PSA, [1024]] # 10
    head:
      - [-1, 1, nn.Upsample, [None, 2, "nearest"]]
      - [[-1, 6], 1, Concat, [1]]
      - [-1, 2, C3k2, [512, True]] # 13
      - [-1, 1, nn.Upsample, [None, 2, "nearest"]]
      - [[-1, 4], 1, Concat, [1]]
      - [-1, 2, C3k2, [256, True]] # 16 P3
      - [-1, 1, Conv, [256, 3, 2]]
      - [[-1, 13], 1, Concat, [1]]
      - [-1, 2, C3k2, [512, True]] # 19 P4
      - [-1, 1, Conv, [512, 3, 2]]
      - [[-1, 10], 1, Concat, [1]]
      - [-1, 1, C3k2, [1024, True, 0.5, True]] # 22 P5
      - [[16, 19, 22], 1, Detect, [nc]]
    """

    static let yolo11 = """
    # YOLO11 detect (P3/8 - P5/32), DFL box regression.
    nc: 80
    scales: # [depth, width, max_channels]
      n: [0.50, 0.25, 1024]
      s: [0.50, 0.50, 1024]
      m: [0.50, 1.00, 512]
      l: [1.00, 1.00, 512]
      x: [1.00, 1.50, 512]
    backbone:
      - [-1, 1, Conv, [64, 3, 2]]
      - [-1, 1, Conv, [128, 3, 2]]
      - [-1, 2, C3k2, [256, False, 0.25]]
      - [-1, 1, Conv, [256, 3, 2]]
      - [-1, 2, C3k2, [512, False, 0.25]]
      - [-1, 1, Conv, [512, 3, 2]]
      - [-1, 2, C3k2, [512, True]]
      - [-1, 1, Conv, [1024, 3, 2]]
      - [-1, 2, C3k2, [1024, True]]
      - [-1, 1, SPPF, [1024, 5]]
      - [-1, 2, C2PSA, [1024]]
    head:
      - [-1, 1, nn.Upsample, [None, 2, "nearest"]]
      - [[-1, 6], 1, Concat, [1]]
      - [-1, 2, C3k2, [512, False]]
      - [-1, 1, nn.Upsample, [None, 2, "nearest"]]
      - [[-1, 4], 1, Concat, [1]]
      - [-1, 2, C3k2, [256, False]]
      - [-1, 1, Conv, [256, 3, 2]]
      - [[-1, 13], 1, Concat, [1]]
      - [-1, 2, C3k2, [512, False]]
      - [-1, 1, Conv, [512, 3, 2]]
      - [[-1, 10], 1, Concat, [1]]
      - [-1, 2, C3k2, [1024, True]]
      - [[16, 19, 22], 1, Detect, [nc]]
    """

    static let yolov8 = """
    # YOLOv8 detect (P3/8 - P5/32), DFL box regression, legacy class branch.
    nc: 80
    scales: # [depth, width, max_channels]
      n: [0.33, 0.25, 1024]
      s: [0.33, 0.50, 1024]
      m: [0.67, 0.75, 768]
      l: [1.00, 1.00, 512]
      x: [1.00, 1.25, 512]
    backbone:
      - [-1, 1, Conv, [64, 3, 2]]
      - [-1, 1, Conv, [128, 3, 2]]
      - [-1, 3, C2f, [128, True]]
      - [-1, 1, Conv, [256, 3, 2]]
      - [-1, 6, C2f, [256, True]]
      - [-1, 1, Conv, [512, 3, 2]]
      - [-1, 6, C2f, [512, True]]
      - [-1, 1, Conv, [1024, 3, 2]]
      - [-1, 3, C2f, [1024, True]]
      - [-1, 1, SPPF, [1024, 5]]
    head:
      - [-1, 1, nn.Upsample, [None, 2, "nearest"]]
      - [[-1, 6], 1, Concat, [1]]
      - [-1, 3, C2f, [512]]
      - [-1, 1, nn.Upsample, [None, 2, "nearest"]]
      - [[-1, 4], 1, Concat, [1]]
      - [-1, 3, C2f, [256]]
      - [-1, 1, Conv, [256, 3, 2]]
      - [[-1, 12], 1, Concat, [1]]
      - [-1, 3, C2f, [512]]
      - [-1, 1, Conv, [512, 3, 2]]
      - [[-1, 9], 1, Concat, [1]]
      - [-1, 3, C2f, [1024]]
      - [[15, 18, 21], 1, Detect, [nc]]
    """
}

import Foundation
