// Evaluation: detection postprocessing and metrics on plain Swift arrays, with the semantics of Ultralytics 8.4.190
// (`utils/metrics.py`, `utils/nms.py`, `models/yolo/detect/val.py`, `Detect.postprocess`). No tensors.
//
//   Boxes        Box (xyxy Float), ImageShape, RatioPad, boxIoU, bboxIoU (IoU/GIoU/DIoU/CIoU), scaleBoxes, clipBoxes
//   Decoding     Postprocess (.nms / .endToEnd), nonMaxSuppression + NMSOptions, nms (torchvision kernel),
//                endToEndTopK + filterEndToEnd (YOLO26 one-to-one head), torchTopKIndices, torchArgsortDescending
//   Matching     matchPredictions, cocoIoUThresholds
//   Metrics      apPerClass, computeAP, smooth, NumPy (interp, trapezoid, linspace), Metric, DetMetrics,
//                ConfusionMatrix, DetectionEvaluator (update_metrics + finish in one accumulator)
//   Output       ValidationTable (header, rows, speed line), ResultSummary (predict strings), COCODetection
//                (predictions.json), YOLOText (save_txt lines), coco80ToCoco91Class
//
// Fixtures: tools/fixtures/metrics_fixtures.py and tools/fixtures/validation_replay_fixture.py write
// Tests/Fixtures/Evaluation/*.json; Tests/EvaluationTests compare against them.
