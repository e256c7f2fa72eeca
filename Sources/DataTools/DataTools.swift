/// The DataTools module (see the files beside this one).
enum DataToolsModule {}
