// Tests for Configuration go here.
