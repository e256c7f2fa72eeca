import Foundation
import YOLOCLI

// oneDNN's OpenMP workers spin after each call and starve the engine's own threads: a short spin measured best
// (GOMP_SPINCOUNT=1000). libgomp reads it once at load time, so set it and restart when the user has not.
if ProcessInfo.processInfo.environment["GOMP_SPINCOUNT"] == nil {
    setenv("GOMP_SPINCOUNT", "1000", 1)
    var argv = CommandLine.unsafeArgv
    execv("/proc/self/exe", argv)
    _ = argv  // exec failed: carry on with the default spin
}

// Line-buffered output, so progress shows up at once in logs and pipes too (CI, nohup, tee).
setvbuf(stdout, nil, _IOLBF, 0)
exit(YOLOCommand.main(Array(CommandLine.arguments.dropFirst())))
