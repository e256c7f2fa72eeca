// Tests for YOLOData go here.
