// Tests for Tensors go here.
