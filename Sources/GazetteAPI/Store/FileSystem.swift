// The only file of GazetteAPI that imports Glibc. Durable writes need calls Foundation does not
// offer, or does not offer with their errors: fsync of a directory (after a rename, so that the
// rename itself survives a crash), ftruncate of a torn journal tail, and a POSIX lock so that two
// servers never share a data directory. These are file calls only: GazetteAPI still knows nothing about
// sockets (STYLE.md §1, §3).
@preconcurrency import Glibc

/// A failed file system call: which call, on which path, and the system's text for `errno`.
struct FileSystemError: Error, Sendable, Equatable, CustomStringConvertible {
    var call: String
    var path: String
    var errno: Int32
    var message: String

    var description: String { "\(call) \(path): \(message)" }

    /// The file or directory does not exist (`ENOENT`).
    var isNotFound: Bool { errno == ENOENT }
}

/// Thin shims over the POSIX file calls of the data directory. Each reads `errno` right after the
/// call and retries `EINTR`.
enum FileSystem {
    @discardableResult
    private static func retryingInterrupts<Value: FixedWidthInteger>(
        _ call: String, _ path: String, _ body: () -> Value
    ) throws(FileSystemError) -> Value {
        while true {
            let result = body()
            guard result == -1 else { return result }
            let code = Glibc.errno
            if code != EINTR { throw makeError(call, path, code) }
        }
    }

    static func makeError(_ call: String, _ path: String, _ code: Int32) -> FileSystemError {
        FileSystemError(call: call, path: path, errno: code, message: String(cString: strerror(code)))
    }

    // MARK: Opening and closing

    /// Opens `path` for appending, creating it (mode 0644) when it is missing.
    static func openForAppending(_ path: String) throws(FileSystemError) -> Int32 {
        try retryingInterrupts("open", path) { open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644) }
    }

    /// Creates `path` empty (truncating what was there) for writing.
    static func create(_ path: String) throws(FileSystemError) -> Int32 {
        try retryingInterrupts("open", path) { open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }
    }

    /// Opens `path` for reading and writing, creating it when it is missing (the lock file).
    static func openOrCreate(_ path: String) throws(FileSystemError) -> Int32 {
        try retryingInterrupts("open", path) { open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644) }
    }

    /// Closes a descriptor. `close` is not retried on `EINTR`: on Linux the descriptor is gone anyway.
    static func close(_ descriptor: Int32) {
        _ = Glibc.close(descriptor)
    }

    // MARK: Reading and writing

    /// The whole content of `path`.
    static func read(_ path: String) throws(FileSystemError) -> [UInt8] {
        let descriptor = try retryingInterrupts("open", path) { open(path, O_RDONLY | O_CLOEXEC) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw makeError("fstat", path, Glibc.errno) }
        // A directory opens read-only, and lseek on one reports no size worth reserving.
        guard status.st_mode & S_IFMT != S_IFDIR else { throw makeError("read", path, EISDIR) }
        var bytes: [UInt8] = []
        // One allocation of the final size: growing by doubling held up to twice a large file.
        // (A pipe has no size: it grows as it is read.)
        if status.st_mode & S_IFMT == S_IFREG, status.st_size > 0 { bytes.reserveCapacity(Int(status.st_size)) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = try retryingInterrupts("read", path) {
                chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// The file at `path` mapped read-only and private; `nil` bytes for an empty file (which
    /// cannot be mapped).
    static func map(_ path: String) throws(FileSystemError) -> UnsafeRawBufferPointer? {
        // Not opened unless it is a regular file: opening a named pipe waits for its writer, and
        // closing it again, to read it instead, broke the writer's pipe (its data was lost and the
        // read waited for a writer that had gone).
        var pathStatus = stat()
        guard stat(path, &pathStatus) == 0 else { throw makeError("stat", path, Glibc.errno) }
        guard pathStatus.st_mode & S_IFMT == S_IFREG else { throw makeError("mmap", path, ENODEV) }
        let descriptor = try retryingInterrupts("open", path) { open(path, O_RDONLY | O_CLOEXEC) }
        // The mapping keeps the file open on its own.
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw makeError("fstat", path, Glibc.errno) }
        // Only a regular file maps; a pipe (`--data <(gazette generate)`) must be read.
        guard status.st_mode & S_IFMT == S_IFREG else { throw makeError("mmap", path, ENODEV) }
        let size = Int(status.st_size)
        guard size > 0 else { return nil }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            throw makeError("mmap", path, Glibc.errno)
        }
        return UnsafeRawBufferPointer(start: address, count: size)
    }

    /// Lets the kernel drop the pages wholly inside `range` of a mapping made by `map(_:)`: they
    /// leave the process's resident memory, and are read from the file again if touched.
    static func release(_ range: Range<Int>, of mapping: UnsafeRawBufferPointer) {
        guard let base = mapping.baseAddress else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (range.lowerBound + page - 1) / page * page
        let end = range.upperBound == mapping.count ? range.upperBound : range.upperBound / page * page
        guard start < end else { return }
        // Advice only: a failure leaves the pages resident, which is what not asking would do.
        _ = madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, MADV_DONTNEED)
    }

    /// Unmaps a mapping made by `map(_:)`.
    static func unmap(_ mapping: UnsafeRawBufferPointer) {
        guard let base = mapping.baseAddress else { return }
        _ = munmap(UnsafeMutableRawPointer(mutating: base), mapping.count)
    }

    /// Writes all of `bytes`, continuing after short writes. On a failure part of it may be written.
    static func write(_ descriptor: Int32, _ bytes: [UInt8], path: String) throws(FileSystemError) {
        var offset = 0
        while offset < bytes.count {
            let start = offset
            let written = try retryingInterrupts("write", path) {
                bytes[start...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            }
            offset += written
        }
    }

    /// Flushes the file's data and metadata to the device (`fsync`).
    static func synchronize(_ descriptor: Int32, path: String) throws(FileSystemError) {
        try retryingInterrupts("fsync", path) { fsync(descriptor) }
    }

    /// Cuts the file to `length` bytes.
    static func truncate(_ descriptor: Int32, to length: Int, path: String) throws(FileSystemError) {
        try retryingInterrupts("ftruncate", path) { ftruncate(descriptor, off_t(length)) }
    }

    /// Cuts the file at `path` to `length` bytes and makes that durable.
    static func truncate(_ path: String, to length: Int) throws(FileSystemError) {
        let descriptor = try retryingInterrupts("open", path) { open(path, O_WRONLY | O_CLOEXEC) }
        defer { close(descriptor) }
        try truncate(descriptor, to: length, path: path)
        try synchronize(descriptor, path: path)
    }

    // MARK: Directories

    /// Makes the directory's entries durable: needed after a rename, a create or an unlink.
    static func synchronizeDirectory(_ path: String) throws(FileSystemError) {
        let descriptor = try retryingInterrupts("open", path) { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        defer { close(descriptor) }
        try synchronize(descriptor, path: path)
    }

    /// Renames atomically, replacing `destination` if it exists.
    static func rename(_ source: String, to destination: String) throws(FileSystemError) {
        try retryingInterrupts("rename", source + " → " + destination) { Glibc.rename(source, destination) }
    }

    /// Removes a file.
    static func remove(_ path: String) throws(FileSystemError) {
        try retryingInterrupts("unlink", path) { unlink(path) }
    }

    /// Creates the directory (mode 0755); an existing directory is fine.
    static func createDirectory(_ path: String) throws(FileSystemError) {
        if mkdir(path, 0o755) == -1 {
            let code = Glibc.errno
            if code != EEXIST { throw makeError("mkdir", path, code) }
        }
    }

    /// Whether this process may create and remove files in the directory `path`.
    static func checkWritableDirectory(_ path: String) throws(FileSystemError) {
        var status = stat()
        try retryingInterrupts("stat", path) { stat(path, &status) }
        guard status.st_mode & S_IFMT == S_IFDIR else { throw makeError("stat", path, ENOTDIR) }
        try retryingInterrupts("access", path) { access(path, W_OK | X_OK) }
    }

    /// The names in a directory, without `.` and `..`.
    static func names(in path: String) throws(FileSystemError) -> [String] {
        guard let directory = opendir(path) else { throw makeError("opendir", path, Glibc.errno) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    // MARK: Locking

    /// The device and inode of `path`: the same file or directory whatever path names it.
    static func identity(of path: String) throws(FileSystemError) -> FileIdentity {
        var status = stat()
        try retryingInterrupts("stat", path) { stat(path, &status) }
        return FileIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }

    /// Takes an exclusive POSIX record lock on the whole file without waiting; `false` when another
    /// process holds it. A POSIX lock, not `flock`: a child process forked while the lock is held
    /// (tests start curl and servers all the time) does not inherit it, so closing the descriptor
    /// releases it at once. It belongs to the process: callers keep their own per-process registry,
    /// and must not open and close the file elsewhere, which would release it.
    static func lockExclusively(_ descriptor: Int32, path: String) throws(FileSystemError) -> Bool {
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = 0
        lock.l_len = 0
        while fcntl(descriptor, F_SETLK, &lock) == -1 {
            let code = Glibc.errno
            if code == EACCES || code == EAGAIN { return false }
            if code != EINTR { throw makeError("fcntl(F_SETLK)", path, code) }
        }
        return true
    }
}

/// A file's device and inode numbers.
struct FileIdentity: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64
}
