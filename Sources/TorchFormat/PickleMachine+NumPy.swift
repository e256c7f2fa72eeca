import Foundation

extension PickleMachine {
    /// A NumPy scalar (`numpy.core.multiarray.scalar(dtype('f8'), bytes)`, as older Ultralytics versions stored
    /// metrics and fitness) as a plain number, or nil when its dtype is not a simple number.
    func numpyScalar(_ arguments: [PickleSlot]) -> PickleValue? {
        guard arguments.count >= 2, case .node(let dtype) = arguments[0], dtype.kind == .object,
              dtype.className == "numpy.dtype", case .string(let code)? = dtype.arguments.first?.leaf,
              case .bytes(let data)? = arguments[1].leaf else { return nil }
        var bytes = [UInt8](data)
        // BUILD state of a dtype: (version, byte order, ...); '>' means big-endian.
        if case .node(let state)? = dtype.state, state.kind == .tuple, state.items.count > 1,
           case .string(">")? = state.items[1].leaf {
            bytes.reverse()
        }
        guard let kind = code.first, let width = Int(code.dropFirst()), width == bytes.count else { return nil }
        var bits: UInt64 = 0
        for (index, byte) in bytes.enumerated() where index < 8 { bits |= UInt64(byte) << (8 * UInt64(index)) }
        switch (kind, width) {
        case ("f", 8): return .float(Double(bitPattern: bits))
        case ("f", 4): return .float(Double(Float(bitPattern: UInt32(bits))))
        case ("f", 2): return .float(Double(floatFromHalf(UInt16(bits))))
        case ("b", 1): return .bool(bits != 0)
        case ("u", 1), ("u", 2), ("u", 4): return .int(Int64(bits))
        case ("u", 8): return bits <= UInt64(Int64.max) ? .int(Int64(bits)) : nil
        case ("i", 1), ("i", 2), ("i", 4), ("i", 8):
            let shift = UInt64(64 - 8 * width)
            return .int(Int64(bitPattern: bits << shift) >> shift)  // sign-extend
        default: return nil
        }
    }
}
