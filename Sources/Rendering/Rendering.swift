/// The Rendering module (see the files beside this one).
enum RenderingModule {}
