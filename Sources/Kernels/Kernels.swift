import CDNNL

/// The oneDNN library version string, e.g. `2.6.3`.
public func dnnlVersionString() -> String {
    guard let v = dnnl_version()?.pointee else { return "unknown" }
    return "\(v.major).\(v.minor).\(v.patch)"
}
