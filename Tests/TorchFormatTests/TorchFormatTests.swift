// Tests for TorchFormat go here.
