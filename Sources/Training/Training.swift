// Training target.
