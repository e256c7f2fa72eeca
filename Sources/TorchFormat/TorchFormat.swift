// TorchFormat target.
