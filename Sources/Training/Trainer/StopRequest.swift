import Foundation

/// Set by SIGINT/SIGTERM (or `StopRequest.request()`); the trainer checks it after every batch.
nonisolated(unsafe) private var stopSignalled: sig_atomic_t = 0

/// A request to stop training cleanly: Ctrl-C or SIGTERM finish the current batch, write a resumable `last.pt` and
/// return. A second Ctrl-C while stopping exits at once (the default action is restored after the first).
public enum StopRequest {
    /// Whether a stop was requested since the last `reset()`.
    public static var isRequested: Bool { stopSignalled != 0 }

    /// Requests a stop (what the signal handler does; also for tests and the Swift API).
    public static func request() { stopSignalled = 1 }

    /// Clears the request (at the start of a run).
    public static func reset() { stopSignalled = 0 }

    /// Routes SIGINT and SIGTERM to the stop request for the duration of a run; returns a function that restores the
    /// previous handlers.
    public static func installSignalHandlers() -> () -> Void {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in
            stopSignalled = 1
            // The next Ctrl-C ends the process as usual.
            Foundation.signal(signal, SIG_DFL)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        var oldInt = sigaction(), oldTerm = sigaction()
        sigaction(SIGINT, &action, &oldInt)
        sigaction(SIGTERM, &action, &oldTerm)
        return {
            var i = oldInt, t = oldTerm
            sigaction(SIGINT, &i, nil)
            sigaction(SIGTERM, &t, nil)
        }
    }
}
