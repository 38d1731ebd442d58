import CGazetteLinux

/// The allocator's settings that loading needs: how the heap grows, and giving freed memory back.
enum Heap {
    /// Loading parses every item into a tree that dies once the item is stored: glibc keeps those
    /// freed pages (in each thread's arena) as resident memory unless asked to release them.
    static func releaseFreeMemory() {
        _ = c_gazette_malloc_trim()
    }

    /// Has the heap grow 64 MB at a time, not 128 KB: loading a million articles allocates
    /// gigabytes, and growing by small steps spent a quarter of the load's system time in the
    /// kernel. Untouched pages of a step cost nothing resident.
    static func growInLargeSteps() {
        _ = c_gazette_malloc_top_pad(64 << 20)
    }
}
