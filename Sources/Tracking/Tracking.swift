/// The Tracking module (see the files beside this one).
enum TrackingModule {}
