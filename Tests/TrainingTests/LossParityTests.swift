import Foundation
import Tensors
import Training
import XCTest

/// `DetectionLoss` / `E2ELoss` against the reference's assigner outputs, loss items and head-output gradients
/// (`Tests/Fixtures/Loss`, from `tools/fixtures/loss_fixtures.py`).
final class LossParityTests: XCTestCase {
    /// Runs our loss on a fixture case's inputs; returns the output and the head tensors per branch.
    func run(_ c: LossManifest.Case) throws -> (DetectionLossOutput, [String: (boxes: Tensor, scores: Tensor)]) {
        var heads: [String: (boxes: Tensor, scores: Tensor)] = [:]
        for branch in c.branches {
            let boxes = Tensor(try c.values("\(branch)-boxes"), shape: c.shape("\(branch)-boxes")).requiringGrad()
            let scores = Tensor(try c.values("\(branch)-scores"), shape: c.shape("\(branch)-scores")).requiringGrad()
            heads[branch] = (boxes, scores)
        }
        let grids = c.strides.map { (height: c.imgsz[0] / Int($0), width: c.imgsz[1] / Int($0)) }
        let targets = try c.values("targets")
        let gains = LossGains(box: c.hyp["box"]!, cls: c.hyp["cls"]!, dfl: c.hyp["dfl"]!)
        let output: DetectionLossOutput
        if c.end2end {
            let loss = E2ELoss(nc: c.nc, regMax: c.regMax, strides: c.strides, epochs: c.epochs,
                               startingAtEpoch: c.epoch, gains: gains)
            XCTAssertEqual(loss.o2m, c.weights!["one2many"]!, accuracy: 1e-12, c.name)
            XCTAssertEqual(loss.o2o, c.weights!["one2one"]!, accuracy: 1e-12, c.name)
            XCTAssertEqual([loss.oneToMany.assigner.topk, loss.oneToMany.assigner.topk2], c.topk["one2many"], c.name)
            XCTAssertEqual([loss.oneToOne.assigner.topk, loss.oneToOne.assigner.topk2], c.topk["one2one"], c.name)
            output = loss(oneToMany: heads["one2many"]!, oneToOne: heads["one2one"]!, grids: grids, targets: targets)
        } else {
            let loss = DetectionLoss(nc: c.nc, regMax: c.regMax, strides: c.strides, gains: gains)
            XCTAssertEqual([loss.assigner.topk, loss.assigner.topk2], c.topk["one2many"], c.name)
            output = loss(boxes: heads["one2many"]!.boxes, scores: heads["one2many"]!.scores, grids: grids, targets: targets)
        }
        XCTAssertEqual(output.names, c.lossNames, c.name)
        return (output, heads)
    }

    func testAssignerMatchesReference() throws {
        for c in try LossManifest.load().cases {
            let (output, _) = try run(c)
            for (branch, assignment) in zip(c.branches, output.assignments) {
                let label = "\(c.name) \(branch)"
                let fg = try c.values("\(branch)-fg_mask")
                XCTAssertEqual(assignment.foreground.map { $0 ? Float(1) : 0 }, fg, "\(label): fg_mask")
                XCTAssertGreaterThan(assignment.foregroundCount, 0, label)
                XCTAssertEqual(assignment.targetIndices.map(Float.init), try c.values("\(branch)-target_gt_idx"),
                               "\(label): target_gt_idx")
                let boxError = maxRelativeError(assignment.targetBoxes, try c.values("\(branch)-target_bboxes"))
                let scoreError = maxRelativeError(assignment.denseTargetScores(), try c.values("\(branch)-target_scores"))
                print("loss parity \(label): fg \(assignment.foregroundCount), target_bboxes \(boxError), target_scores \(scoreError)")
                XCTAssertLessThanOrEqual(boxError, 1e-6, "\(label): target_bboxes")
                XCTAssertLessThanOrEqual(scoreError, 1e-5, "\(label): target_scores")
            }
        }
    }

    func testLossItemsAndGradientsMatchReference() throws {
        for c in try LossManifest.load().cases {
            let (output, heads) = try run(c)
            let items = try c.values("items"), components = try c.values("loss")
            for k in 0..<3 {
                XCTAssertEqual(output.items[k], items[k], accuracy: 1e-4 * abs(items[k]), "\(c.name): \(c.lossNames[k])")
                XCTAssertEqual(output.components[k], components[k], accuracy: 1e-4 * abs(components[k]), "\(c.name): loss[\(k)]")
            }
            XCTAssertEqual(output.loss.item, components.reduce(0, +), accuracy: 1e-4 * components.reduce(0, +), c.name)
            output.loss.backward()
            var report = "loss parity \(c.name): items \(maxRelativeError(output.items, items)), loss \(maxRelativeError(output.components, components))"
            for branch in c.branches {
                let (boxes, scores) = heads[branch]!
                let boxError = maxRelativeError(try XCTUnwrap(boxes.grad).scalars, try c.values("\(branch)-boxes-grad"))
                let scoreError = maxRelativeError(try XCTUnwrap(scores.grad).scalars, try c.values("\(branch)-scores-grad"))
                report += ", \(branch) ∂boxes \(boxError) ∂scores \(scoreError)"
                XCTAssertLessThanOrEqual(boxError, 1e-4, "\(c.name) \(branch): gradient w.r.t. boxes")
                XCTAssertLessThanOrEqual(scoreError, 1e-4, "\(c.name) \(branch): gradient w.r.t. scores")
            }
            print(report)
        }
    }

    /// Each branch's own items (before batch size and E2E weights), the one-to-one ones being the logged items.
    func testBranchItemsMatchReference() throws {
        for c in try LossManifest.load().cases where c.end2end {
            let gains = LossGains(box: c.hyp["box"]!, cls: c.hyp["cls"]!, dfl: c.hyp["dfl"]!)
            let loss = E2ELoss(nc: c.nc, regMax: c.regMax, strides: c.strides, epochs: c.epochs, gains: gains)
            let grids = c.strides.map { (height: c.imgsz[0] / Int($0), width: c.imgsz[1] / Int($0)) }
            for (branch, single) in zip(c.branches, [loss.oneToMany, loss.oneToOne]) {
                let out = single(boxes: Tensor(try c.values("\(branch)-boxes"), shape: c.shape("\(branch)-boxes")),
                                 scores: Tensor(try c.values("\(branch)-scores"), shape: c.shape("\(branch)-scores")),
                                 grids: grids, targets: try c.values("targets"))
                let ref = try c.values("\(branch)-items")
                for k in 0..<3 {
                    XCTAssertEqual(out.items[k], ref[k], accuracy: 1e-4 * abs(ref[k]), "\(c.name) \(branch): \(c.lossNames[k])")
                }
            }
        }
    }
}
