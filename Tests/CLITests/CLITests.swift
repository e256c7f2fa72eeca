// Tests for CLI go here.
