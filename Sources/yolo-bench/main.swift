import Kernels
print("oneDNN \(dnnlVersionString())")
