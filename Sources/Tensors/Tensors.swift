// Tensors target.
