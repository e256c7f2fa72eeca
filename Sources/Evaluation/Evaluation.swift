// Evaluation target.
