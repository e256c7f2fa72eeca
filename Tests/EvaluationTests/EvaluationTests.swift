// Tests for Evaluation go here.
