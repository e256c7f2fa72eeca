import Evaluation
import Foundation
import Models
import Tensors
import YOLOData

/// Settings of prediction, with the reference's cfg names.
public struct PredictOptions: Hashable, Sendable {
    /// cfg `conf`: 0.25 for prediction.
    public var confidenceThreshold: Float = 0.25
    /// cfg `iou`.
    public var iouThreshold: Double = 0.7
    /// cfg `imgsz`: the long side of the network input.
    public var imageSize = 640
    /// cfg `max_det`.
    public var maxDetections = 300
    /// cfg `classes`: keep only these class indices.
    public var classes: [Int]? = nil
    /// cfg `agnostic_nms`.
    public var agnostic = false
    /// cfg `nms=False`: the YOLO26 one-to-one head (top-k, no NMS); default one-to-many + NMS as 8.4.190.
    public var endToEnd = false

    public init() {}
}

/// The detections of one image, in its original pixels, and how long each stage took (milliseconds).
public struct Prediction: Sendable {
    public var path: String
    /// The decoded image's size.
    public var originalShape: ImageShape
    /// The network input's size (letterboxed to a stride multiple).
    public var inputShape: ImageShape
    /// Detections by descending confidence, boxes clipped to the image.
    public var detections: [Detection]
    public var preprocessMilliseconds = 0.0
    public var inferenceMilliseconds = 0.0
    public var postprocessMilliseconds = 0.0
}

/// The detection predictor (`DetectionPredictor`): letterbox, forward, NMS (or the one-to-one top-k with
/// `nms=False`), boxes scaled back to the original image.
public final class Predictor {
    public let model: DetectionModel
    public let options: PredictOptions
    let post: Postprocess

    /// Prepares `model` for inference (eval mode, BatchNorm folded, the head chosen by `options.endToEnd`).
    public init(model: DetectionModel, options: PredictOptions = PredictOptions()) {
        self.model = model
        self.options = options
        model.eval()
        model.fuse()
        let endToEnd = options.endToEnd && model.detect.oneToOneCv2 != nil
        model.detect.endToEnd = endToEnd
        model.detect.maxDet = options.maxDetections
        post = .prediction(endToEnd: endToEnd, confidenceThreshold: options.confidenceThreshold,
                           iouThreshold: options.iouThreshold, maxDetections: options.maxDetections,
                           agnostic: options.agnostic, classes: options.classes)
    }

    /// Detections of one decoded image.
    public func callAsFunction(_ image: Image, path: String = "") -> Prediction {
        var clock = StageClock()
        let stride = Int(model.stride.max() ?? 32)
        let (input, h, w) = PredictLetterbox(size: options.imageSize, stride: stride)(image)
        let x = Tensor(input, shape: [1, 3, h, w])
        let pre = clock.lap()
        let prediction = noGrad {
            Validator.decoded(model(x), detect: model.detect, endToEnd: model.detect.endToEnd).scalars
        }
        let inference = clock.lap()
        let inputShape = ImageShape(height: h, width: w)
        let originalShape = ImageShape(height: image.height, width: image.width)
        let found = post(prediction: prediction, classCount: model.nc)
        let boxes = scaleBoxes(found.map(\.box), from: inputShape, to: originalShape)
        let detections = zip(boxes, found).map { Detection(box: $0, confidence: $1.confidence, classIndex: $1.classIndex) }
        let postprocess = clock.lap()
        return Prediction(path: path, originalShape: originalShape, inputShape: inputShape, detections: detections,
                          preprocessMilliseconds: pre * 1000, inferenceMilliseconds: inference * 1000,
                          postprocessMilliseconds: postprocess * 1000)
    }
}
