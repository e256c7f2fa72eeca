import Foundation
import YOLOData

/// Builds split units from image files: reads each image's classes from its label file and groups images by pattern.
enum SplitUnits {
    /// One unit per image, or per group key when `group` is given (images the pattern does not match stay alone).
    static func make(images: [String], group: String?) throws -> [SplitUnit] {
        let classes = images.map { classesInLabel(LabelPath.forImage($0)) }
        guard let group, !group.isEmpty else {
            return images.indices.map { SplitUnit(members: [$0], classes: classes[$0]) }
        }
        let regex: NSRegularExpression
        do { regex = try NSRegularExpression(pattern: group) } catch {
            throw SplitError("group=\(group): not a valid regular expression (\(error.localizedDescription)); e.g. group='^(.*)_frame'")
        }
        var order: [String] = []
        var byKey: [String: SplitUnit] = [:]
        for (i, image) in images.enumerated() {
            let name = URL(fileURLWithPath: image).deletingPathExtension().lastPathComponent
            let key = groupKey(name, regex) ?? "\u{0}" + image
            if byKey[key] == nil { order.append(key); byKey[key] = SplitUnit(members: [], classes: []) }
            byKey[key]!.members.append(i)
            byKey[key]!.classes.formUnion(classes[i])
        }
        return order.map { byKey[$0]! }
    }

    /// The first capture group of the first match (the whole match when the pattern has no group), or nil.
    static func groupKey(_ name: String, _ regex: NSRegularExpression) -> String? {
        let range = NSRange(name.startIndex..., in: name)
        guard let match = regex.firstMatch(in: name, range: range) else { return nil }
        let r = match.numberOfRanges > 1 && match.range(at: 1).location != NSNotFound ? match.range(at: 1) : match.range
        return Range(r, in: name).map { String(name[$0]) }
    }

    /// The class ids named in a YOLO label file (first field of each row); empty when it is absent or unreadable.
    static func classesInLabel(_ file: String) -> Set<Int32> {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return [] }
        var result = Set<Int32>()
        for line in text.split(whereSeparator: \.isNewline) {
            if let first = line.split(separator: " ", maxSplits: 1).first, let c = Int32(first) { result.insert(c) }
        }
        return result
    }
}
