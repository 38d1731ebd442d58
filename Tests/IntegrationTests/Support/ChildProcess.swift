import Foundation

/// A child process started with Foundation's `Process`, its standard output and error collected in
/// memory, and waited for without blocking a cooperative thread: each pipe is drained by its own
/// dedicated `Thread`, and waiters are continuations resumed when the output or the exit changes.
final class ChildProcess: Sendable {
    /// What the process has printed so far, and how it ended once it has.
    struct Snapshot: Sendable {
        var standardOutput: String
        var standardError: String
        /// Set once the process has exited and both of its output streams reached end of file.
        var exit: Exit?

        /// Both streams, output first: the server's logger may write to either.
        var combinedOutput: String { standardOutput + standardError }
    }

    /// How a process ended.
    struct Exit: Sendable, Equatable, CustomStringConvertible {
        /// The exit status, or the signal number when `wasSignalled`.
        var status: Int32
        var wasSignalled: Bool
        /// When the termination handler saw the exit: independent of when a test task gets to run.
        var instant: ContinuousClock.Instant

        var isSuccess: Bool { status == 0 && !wasSignalled }
        var description: String { wasSignalled ? "killed by signal \(status)" : "exit status \(status)" }
    }

    /// The command line, for failure messages.
    let commandLine: String

    private let process: Process
    /// The write end of the child's standard input, when it was started with `providesInput`.
    private let input: FileHandle?
    private let state = LockedState()

    private enum Stream: Sendable { case output, error }

    fileprivate struct Waiter {
        let id: Int
        let condition: @Sendable (Snapshot) -> Bool
        let continuation: CheckedContinuation<Snapshot, any Error>
    }

    fileprivate struct State {
        var output = Data()
        var error = Data()
        var openStreams = 2
        var termination: Exit?
        var waiters: [Waiter] = []
        var nextWaiterID = 0
        /// Waiters that timed out or were cancelled before they were registered.
        var earlyFailures: [Int: any Error] = [:]

        var snapshot: Snapshot {
            Snapshot(
                standardOutput: String(decoding: output, as: UTF8.self),
                standardError: String(decoding: error, as: UTF8.self),
                exit: openStreams == 0 ? termination : nil)
        }
    }

    /// Starts `executable` with `arguments`; `environment` entries are added to this process's own.
    /// With `providesInput` the child reads its standard input from `writeInput(_:)`, otherwise
    /// from `/dev/null`.
    init(
        executable: URL, arguments: [String], environment: [String: String] = [:], providesInput: Bool = false
    ) throws {
        commandLine = ([executable.path] + arguments).map(Self.shellQuoted).joined(separator: " ")
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if providesInput { ChildSignal.ignoreBrokenPipes }
        let inputPipe = providesInput ? Pipe() : nil
        process.standardInput = inputPipe ?? FileHandle.nullDevice
        input = inputPipe?.fileHandleForWriting
        let outputPipe = Pipe()
        let errorPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        self.process = process

        process.terminationHandler = { [weak self] finished in
            let exit = Exit(
                status: finished.terminationStatus,
                wasSignalled: finished.terminationReason == .uncaughtSignal,
                instant: .now)
            self?.update { $0.termination = exit }
        }
        do {
            try process.run()
        } catch {
            throw ChildProcessError.cannotStart(commandLine: commandLine, reason: "\(error)")
        }
        // `run()` has closed our copies of the child's ends of the pipes, so reads see EOF when it exits.
        drain(outputPipe.fileHandleForReading, into: .output)
        drain(errorPipe.fileHandleForReading, into: .error)
    }

    deinit {
        // A test that forgot to stop its child must not leave it running after the test process.
        if process.isRunning { ChildSignal.kill(process.processIdentifier) }
        try? input?.close()
    }

    var processIdentifier: Int32 { process.processIdentifier }

    /// What has been printed so far, and the exit if it has happened.
    var snapshot: Snapshot { state.withLock { $0.snapshot } }

    /// Sends SIGTERM; returns when it was sent.
    @discardableResult
    func terminate() -> ContinuousClock.Instant {
        let now = ContinuousClock.now
        if process.isRunning { process.terminate() }
        return now
    }

    /// Sends SIGINT; returns when it was sent.
    @discardableResult
    func interrupt() -> ContinuousClock.Instant {
        let now = ContinuousClock.now
        if process.isRunning { process.interrupt() }
        return now
    }

    /// Writes `data` to the child's standard input (see `providesInput`). Keep it under the pipe's
    /// 64 KiB buffer: the write blocks while the child does not read.
    func writeInput(_ data: Data) throws {
        guard let input else { preconditionFailure("started without providesInput") }
        try input.write(contentsOf: data)
    }

    /// Closes the child's standard input, which it reads as end of file.
    func closeInput() {
        try? input?.close()
    }

    /// Waits until `condition` holds for the output so far (it is checked at once and after every
    /// change), or throws `ChildProcessError.timedOut` after `timeout`.
    func wait(
        for what: String, timeout: Duration, until condition: @escaping @Sendable (Snapshot) -> Bool
    ) async throws -> Snapshot {
        let id = state.withLock { state in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        let timer = Task { [weak self] in
            do { try await Task.sleep(for: timeout) } catch { return }
            self?.resolveWaiter(id) { snapshot in
                ChildProcessError.timedOut(
                    waitingFor: what, after: timeout, commandLine: self?.commandLine ?? "", snapshot: snapshot)
            }
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let ready: Result<Snapshot, any Error>? = state.withLock { state in
                    if let failure = state.earlyFailures.removeValue(forKey: id) { return .failure(failure) }
                    let snapshot = state.snapshot
                    if condition(snapshot) { return .success(snapshot) }
                    state.waiters.append(Waiter(id: id, condition: condition, continuation: continuation))
                    return nil
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            resolveWaiter(id) { _ in CancellationError() }
        }
    }

    /// Waits for the process to exit (and its output to end), or throws after `timeout`.
    @discardableResult
    func waitForExit(timeout: Duration) async throws -> (Exit, Snapshot) {
        let snapshot = try await wait(for: "the process to exit", timeout: timeout) { $0.exit != nil }
        guard let exit = snapshot.exit else { preconditionFailure("waited for an exit that is missing") }
        return (exit, snapshot)
    }

    /// SIGTERM, then SIGKILL if the process is still running after `grace`; returns how it ended.
    /// Never throws, so that it can run on every path out of a test.
    @discardableResult
    func stop(grace: Duration = .seconds(5)) async -> Exit? {
        terminate()
        closeInput()
        if let (exit, _) = try? await waitForExit(timeout: grace) { return exit }
        if process.isRunning { ChildSignal.kill(process.processIdentifier) }
        return try? await waitForExit(timeout: .seconds(5)).0
    }

    // MARK: Internals

    private func drain(_ handle: FileHandle, into stream: Stream) {
        // A dedicated thread may block in `read`; a Dispatch or cooperative-pool thread must not.
        let thread = Thread { [weak self] in
            while true {
                let chunk = handle.availableData
                guard let self else { return }
                self.update { state in
                    switch stream {
                    case .output: state.output.append(chunk)
                    case .error: state.error.append(chunk)
                    }
                    if chunk.isEmpty { state.openStreams -= 1 }
                }
                if chunk.isEmpty { return }
            }
        }
        thread.name = "ChildProcess \(stream)"
        thread.start()
    }

    /// Applies `change`, then resumes every waiter whose condition now holds.
    private func update(_ change: (inout State) -> Void) {
        let ready: [(CheckedContinuation<Snapshot, any Error>, Snapshot)] = state.withLock { state in
            change(&state)
            let snapshot = state.snapshot
            var ready: [(CheckedContinuation<Snapshot, any Error>, Snapshot)] = []
            state.waiters.removeAll { waiter in
                guard waiter.condition(snapshot) else { return false }
                ready.append((waiter.continuation, snapshot))
                return true
            }
            return ready
        }
        for (continuation, snapshot) in ready { continuation.resume(returning: snapshot) }
    }

    /// Fails the waiter `id` if it is still waiting, or before it starts waiting if it has not yet.
    private func resolveWaiter(_ id: Int, with makeError: (Snapshot) -> any Error) {
        let found: (CheckedContinuation<Snapshot, any Error>, any Error)? = state.withLock { state in
            let error = makeError(state.snapshot)
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else {
                state.earlyFailures[id] = error
                return nil
            }
            return (state.waiters.remove(at: index).continuation, error)
        }
        if let (continuation, error) = found { continuation.resume(throwing: error) }
    }

    private static func shellQuoted(_ word: String) -> String {
        let plain = word.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) || "-_./:=@%,+".unicodeScalars.contains($0)
        }
        if plain && !word.isEmpty && word.count <= 200 { return word }
        if word.count > 200 { return "'\(word.prefix(60))…(\(word.count) characters)'" }
        return "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}

/// `ChildProcess`'s state behind an `NSLock` rather than a `Synchronization.Mutex`: on Swift 6.3 for
/// Linux, ThreadSanitizer does not see the ordering of a contended `Mutex` (its slow path waits on a
/// futex outside instrumented code) and reports "Swift access race" inside `withLock`, which fails
/// `swift test --sanitize=thread`. Here two pipe readers and the termination handler contend all the
/// time; `NSLock` is a `pthread_mutex`, which ThreadSanitizer understands.
// @unchecked: `value` is only read or written inside `withLock`, which holds `lock`.
private final class LockedState: @unchecked Sendable {
    private let lock = NSLock()
    private var value = ChildProcess.State()

    func withLock<Result>(_ body: (inout ChildProcess.State) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}

enum ChildProcessError: Error, CustomStringConvertible {
    case cannotStart(commandLine: String, reason: String)
    case timedOut(waitingFor: String, after: Duration, commandLine: String, snapshot: ChildProcess.Snapshot)

    var description: String {
        switch self {
        case .cannotStart(let commandLine, let reason):
            return "cannot start `\(commandLine)`: \(reason)"
        case .timedOut(let what, let timeout, let commandLine, let snapshot):
            return """
                timed out after \(timeout) waiting for \(what) from `\(commandLine)`
                standard output:
                \(snapshot.standardOutput)
                standard error:
                \(snapshot.standardError)
                """
        }
    }
}
