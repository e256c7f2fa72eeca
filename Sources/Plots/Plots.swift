/// The Plots module (see the files beside this one).
enum PlotsModule {}
