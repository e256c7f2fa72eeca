// YOLOData target.
