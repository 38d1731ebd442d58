import CGazetteLinux

/// Gives memory that the allocator holds free back to the system.
enum HeapTrim {
    /// Loading parses every item into a tree that dies once the item is stored: glibc keeps those
    /// freed pages (in each thread's arena) as resident memory unless asked to release them.
    static func releaseFreeMemory() {
        _ = c_gazette_malloc_trim()
    }
}
