import CDNNL
import Foundation

/// The process-wide oneDNN CPU engine and stream, created once.
///
/// oneDNN primitives are not re-entrant across threads on one stream; the engine's ops run from one thread at a
/// time (the trainer's), and oneDNN parallelises inside each call with its OpenMP pool.
public final class DNNLContext: @unchecked Sendable {
    public static let shared = DNNLContext()

    let engine: dnnl_engine_t
    let stream: dnnl_stream_t
    let lock = NSLock()

    private init() {
        var engine: dnnl_engine_t?
        dnnlCheck(dnnl_engine_create(&engine, dnnl_cpu, 0), "engine_create")
        var stream: dnnl_stream_t?
        dnnlCheck(dnnl_stream_create(&stream, engine, dnnl_stream_default_flags.rawValue), "stream_create")
        self.engine = engine!
        self.stream = stream!
    }

    /// The instruction set oneDNN dispatches to on this machine, e.g. `avx512_core`.
    public var isaName: String {
        switch dnnl_get_effective_cpu_isa() {
        case dnnl_cpu_isa_sse41: return "sse41"
        case dnnl_cpu_isa_avx: return "avx"
        case dnnl_cpu_isa_avx2: return "avx2"
        case dnnl_cpu_isa_avx512_core: return "avx512_core"
        case dnnl_cpu_isa_avx512_core_vnni: return "avx512_core_vnni"
        case dnnl_cpu_isa_avx512_core_bf16: return "avx512_core_bf16"
        case dnnl_cpu_isa_avx512_core_amx: return "avx512_core_amx"
        default: return "isa(\(dnnl_get_effective_cpu_isa().rawValue))"
        }
    }
}

/// Execution argument ids of oneDNN (the C macros alias each other and are not all imported into Swift).
enum DNNLArg {
    static let src: Int32 = 1
    static let dst: Int32 = 17
    static let weights: Int32 = 33
    static let bias: Int32 = 41
    static let diffSrc: Int32 = 129
    static let diffDst: Int32 = 145
    static let diffWeights: Int32 = 161
    static let diffBias: Int32 = 169
}

/// Stops with the failing oneDNN call's name: a failure here is a programming error (bad shapes or layouts).
@inline(__always)
func dnnlCheck(_ status: dnnl_status_t, _ what: @autoclosure () -> String) {
    precondition(status == dnnl_success, "oneDNN \(what()) failed with status \(status.rawValue)")
}

/// The oneDNN library version, e.g. `2.6.3`.
public func dnnlVersionString() -> String {
    guard let v = dnnl_version()?.pointee else { return "unknown" }
    return "\(v.major).\(v.minor).\(v.patch)"
}

/// A plain dense memory descriptor of `dims` in `tag` layout (`dnnl_format_tag_any` lets a primitive choose).
func memoryDescriptor(_ dims: [Int], tag: dnnl_format_tag_t) -> dnnl_memory_desc_t {
    var md = dnnl_memory_desc_t()
    var d = dimsTuple(dims)
    withUnsafePointer(to: &d) { p in
        p.withMemoryRebound(to: dnnl_dim_t.self, capacity: 12) { dp in
            dnnlCheck(dnnl_memory_desc_init_by_tag(&md, Int32(dims.count), dp, dnnl_f32, tag), "memory_desc_init_by_tag")
        }
    }
    return md
}

/// A dense memory descriptor of `dims` with explicit element `strides` (for transposed matmul operands).
func memoryDescriptor(_ dims: [Int], strides: [Int]) -> dnnl_memory_desc_t {
    var md = dnnl_memory_desc_t()
    var d = dimsTuple(dims)
    var s = dimsTuple(strides)
    withUnsafePointer(to: &d) { p in
        withUnsafePointer(to: &s) { q in
            p.withMemoryRebound(to: dnnl_dim_t.self, capacity: 12) { dp in
                q.withMemoryRebound(to: dnnl_dim_t.self, capacity: 12) { sp in
                    dnnlCheck(
                        dnnl_memory_desc_init_by_strides(&md, Int32(dims.count), dp, dnnl_f32, sp),
                        "memory_desc_init_by_strides")
                }
            }
        }
    }
    return md
}

/// `dnnl_dims_t` (a 12-element C array) from a Swift array.
func dimsTuple(_ a: [Int]) -> dnnl_dims_t {
    precondition(a.count <= 12, "oneDNN supports at most 12 dimensions, got \(a)")
    var t: dnnl_dims_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    withUnsafeMutableBytes(of: &t) { raw in
        let p = raw.bindMemory(to: dnnl_dim_t.self)
        for (i, v) in a.enumerated() { p[i] = dnnl_dim_t(v) }
    }
    return t
}

/// Two memory descriptors describe the same layout.
func sameLayout(_ a: dnnl_memory_desc_t, _ b: dnnl_memory_desc_t) -> Bool {
    var a = a, b = b
    return dnnl_memory_desc_equal(&a, &b) != 0
}

/// A oneDNN memory object over a buffer the caller owns (or one allocated here when `pointer` is nil).
final class DNNLMemory {
    let handle: dnnl_memory_t
    let descriptor: dnnl_memory_desc_t
    private var owned: UnsafeMutableRawPointer?

    init(_ md: dnnl_memory_desc_t, pointer: UnsafeMutableRawPointer? = nil) {
        var md = md
        descriptor = md
        var mem: dnnl_memory_t?
        var ptr = pointer
        if ptr == nil {
            let size = max(dnnl_memory_desc_get_size(&md), 64)
            ptr = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
            owned = ptr
        }
        dnnlCheck(dnnl_memory_create(&mem, &md, DNNLContext.shared.engine, ptr), "memory_create")
        handle = mem!
    }

    var pointer: UnsafeMutableRawPointer {
        var p: UnsafeMutableRawPointer?
        dnnl_memory_get_data_handle(handle, &p)
        return p!
    }

    func bind(_ p: UnsafeRawPointer) {
        dnnlCheck(dnnl_memory_set_data_handle(handle, UnsafeMutableRawPointer(mutating: p)), "memory_set_data_handle")
    }

    deinit {
        dnnl_memory_destroy(handle)
        owned?.deallocate()
    }
}

/// A created oneDNN primitive with its descriptor, destroyed with it.
final class DNNLPrimitive {
    let primitive: dnnl_primitive_t
    let descriptor: dnnl_primitive_desc_t

    init(_ pd: dnnl_primitive_desc_t) {
        var p: dnnl_primitive_t?
        dnnlCheck(dnnl_primitive_create(&p, pd), "primitive_create")
        primitive = p!
        descriptor = pd
    }

    /// Creates the primitive descriptor for an initialised op descriptor (with a forward `hint` for backward
    /// passes) and the primitive; `what` names it in the failure message.
    convenience init<Desc>(_ desc: inout Desc, attributes: dnnl_primitive_attr_t? = nil, hint: DNNLPrimitive? = nil,
                           _ what: @autoclosure () -> String) {
        var pd: dnnl_primitive_desc_t?
        let status = withUnsafePointer(to: &desc) { d in
            dnnl_primitive_desc_create(&pd, UnsafeRawPointer(d), attributes, DNNLContext.shared.engine, hint?.descriptor)
        }
        dnnlCheck(status, what())
        self.init(pd!)
    }

    /// The layout the primitive chose for one of its arguments (`dnnl_query_src_md`, ...).
    func layout(_ what: dnnl_query_t) -> dnnl_memory_desc_t {
        dnnl_primitive_desc_query_md(descriptor, what, 0)!.pointee
    }

    /// The implementation name, e.g. `jit:avx512_core` (a `ref:` name means a slow fallback).
    var implementation: String {
        var name: UnsafePointer<CChar>?
        withUnsafeMutablePointer(to: &name) { p in
            _ = dnnl_primitive_desc_query(descriptor, dnnl_query_impl_info_str, 0, p)
        }
        return name.map { String(cString: $0) } ?? "?"
    }

    func execute(_ args: [(Int32, DNNLMemory)]) {
        let ctx = DNNLContext.shared
        var list = args.map { dnnl_exec_arg_t(arg: $0.0, memory: $0.1.handle) }
        dnnlCheck(dnnl_primitive_execute(primitive, ctx.stream, Int32(list.count), &list), "primitive_execute")
        dnnlCheck(dnnl_stream_wait(ctx.stream), "stream_wait")
    }

    deinit {
        dnnl_primitive_destroy(primitive)
        dnnl_primitive_desc_destroy(descriptor)
    }
}

/// A reorder between two layouts of the same tensor.
final class DNNLReorder {
    let primitive: DNNLPrimitive
    let from: dnnl_memory_desc_t, to: dnnl_memory_desc_t
    init(from: dnnl_memory_desc_t, to: dnnl_memory_desc_t) {
        self.from = from
        self.to = to
        var a = from, b = to
        var pd: dnnl_primitive_desc_t?
        let engine = DNNLContext.shared.engine
        dnnlCheck(dnnl_reorder_primitive_desc_create(&pd, &a, engine, &b, engine, nil), "reorder_primitive_desc_create")
        primitive = DNNLPrimitive(pd!)
    }
    func run(from: DNNLMemory, to: DNNLMemory) {
        primitive.execute([(DNNLArg.src, from), (DNNLArg.dst, to)])
    }
}
