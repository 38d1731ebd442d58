import Synchronization

/// Everything recorded for one route template: its counters per (method, status) and its
/// duration histogram, all plain atomics at fixed places, so recording needs no lock and no
/// allocation.
final class RouteSeries: Sendable {
    /// The statuses counted in fixed slots; any other lands in `rareCounts`.
    static let commonStatuses = [
        200, 201, 202, 203, 204, 206, 301, 302, 303, 304, 307, 308, 400, 401, 403, 404, 405, 406, 408, 409, 410,
        411, 412, 413, 414, 415, 416, 417, 421, 422, 425, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505,
    ]
    private static let methodCount = 9
    private static let slotCount = 378  // methodCount × commonStatuses.count
    private static let bucketCount = 15  // one per bound in `Metrics.bucketLabels`, and one above them all

    let route: String
    /// Index `method * commonStatuses.count + statusSlot`.
    private let counters: InlineArray<378, Atomic<UInt64>>
    private let rareCounts = Mutex<[Int: UInt64]>([:])
    /// Requests per bucket, not cumulative: index `i` counts durations in (bound[i-1], bound[i]];
    /// the last one those above every bound.
    private let buckets: InlineArray<15, Atomic<UInt64>>
    private let sumNanoseconds = Atomic<UInt64>(0)

    init(route: String) {
        precondition(Self.slotCount == Self.methodCount * Self.commonStatuses.count && Metrics.methodLabels.count == Self.methodCount)
        precondition(Self.bucketCount == Metrics.bucketLabels.count + 1)
        self.route = route
        counters = InlineArray { _ in Atomic(0) }
        buckets = InlineArray { _ in Atomic(0) }
    }

    func count(method: Int, status: Int) {
        if let slot = Self.statusSlot(status) {
            counters[method * Self.commonStatuses.count + slot].wrappingAdd(1, ordering: .relaxed)
        } else {
            rareCounts.withLock { $0[method << 16 | min(max(status, 0), 0xFFFF), default: 0] += 1 }
        }
    }

    func observe(nanoseconds: UInt64) {
        buckets[Self.bucket(nanoseconds)].wrappingAdd(1, ordering: .relaxed)
        sumNanoseconds.wrappingAdd(nanoseconds, ordering: .relaxed)
    }

    /// Every (method index, status) counted at least once, with its count, in that order.
    func counts() -> [(key: (method: Int, status: Int), value: UInt64)] {
        var found: [(key: (method: Int, status: Int), value: UInt64)] = []
        for method in 0..<Self.methodCount {
            for (slot, status) in Self.commonStatuses.enumerated() {
                let value = counters[method * Self.commonStatuses.count + slot].load(ordering: .relaxed)
                if value > 0 { found.append(((method, status), value)) }
            }
        }
        for (key, value) in rareCounts.withLock({ $0 }) {
            found.append(((key >> 16, key & 0xFFFF), value))
        }
        return found.sorted { ($0.key.method, $0.key.status) < ($1.key.method, $1.key.status) }
    }

    /// A copy of the histogram. Read bucket by bucket while others record, so `count` is the sum of
    /// the buckets read (the `+Inf` bucket always equals `_count`); `sum` may be a little ahead.
    func histogram() -> (buckets: [UInt64], count: UInt64, sumNanoseconds: UInt64) {
        var values: [UInt64] = []
        values.reserveCapacity(Self.bucketCount)
        for index in 0..<Self.bucketCount { values.append(buckets[index].load(ordering: .relaxed)) }
        return (values, values.reduce(0, +), sumNanoseconds.load(ordering: .relaxed))
    }

    /// The bucket of a duration: the first whose bound (`Metrics.bucketLabels` in nanoseconds; `le`
    /// is inclusive) it does not exceed, or the last one.
    static func bucket(_ nanoseconds: UInt64) -> Int {
        switch nanoseconds {
        case ...500_000: 0
        case ...1_000_000: 1
        case ...2_500_000: 2
        case ...5_000_000: 3
        case ...10_000_000: 4
        case ...25_000_000: 5
        case ...50_000_000: 6
        case ...100_000_000: 7
        case ...250_000_000: 8
        case ...500_000_000: 9
        case ...1_000_000_000: 10
        case ...2_500_000_000: 11
        case ...5_000_000_000: 12
        case ...10_000_000_000: 13
        default: 14
        }
    }

    /// The slot of `status` in `commonStatuses`; a `switch` the compiler turns into a table.
    private static func statusSlot(_ status: Int) -> Int? {
        switch status {
        case 200: 0
        case 201: 1
        case 202: 2
        case 203: 3
        case 204: 4
        case 206: 5
        case 301: 6
        case 302: 7
        case 303: 8
        case 304: 9
        case 307: 10
        case 308: 11
        case 400: 12
        case 401: 13
        case 403: 14
        case 404: 15
        case 405: 16
        case 406: 17
        case 408: 18
        case 409: 19
        case 410: 20
        case 411: 21
        case 412: 22
        case 413: 23
        case 414: 24
        case 415: 25
        case 416: 26
        case 417: 27
        case 421: 28
        case 422: 29
        case 425: 30
        case 426: 31
        case 428: 32
        case 429: 33
        case 431: 34
        case 451: 35
        case 500: 36
        case 501: 37
        case 502: 38
        case 503: 39
        case 504: 40
        case 505: 41
        default: nil
        }
    }
}

/// The series of every route seen so far: a fixed-size hash table that only grows, read and
/// written without locks. Each slot is published once with a compare-and-swap (linear probing from
/// the route's hash), so a reader on any thread sees either nothing or a complete series. Routes
/// are templates, so there are as many as the router has, plus `unmatched` and `-`.
final class RouteSeriesTable: Sendable {
    private static let capacity = 256
    // `Atomic<Unmanaged?>` rather than `AtomicLazyReference`, whose `load` is not specialized
    // across the module boundary and looked up generic metadata on every call (≈ 60 ns here).
    // Each non-nil slot holds one retain, taken when it was stored and given back in `deinit`;
    // a slot, once set, never changes, so an unretained read stays valid while the table lives.
    private let slots: InlineArray<256, Atomic<Unmanaged<RouteSeries>?>>

    init() {
        slots = InlineArray { _ in Atomic(nil) }
    }

    deinit {
        for index in 0..<Self.capacity {
            slots[index].load(ordering: .acquiring)?.release()
        }
    }

    /// The series of `route`, made on first use; `nil` only when the table is full.
    func series(for route: String, hash: Int) -> RouteSeries? {
        var index = hash & (Self.capacity - 1)
        for _ in 0..<Self.capacity {
            if let existing = slots[index].load(ordering: .acquiring)?.takeUnretainedValue() {
                if existing.route == route { return existing }
            } else {
                let made = Unmanaged.passRetained(RouteSeries(route: route))
                let (stored, current) = slots[index].compareExchange(expected: nil, desired: made, ordering: .acquiringAndReleasing)
                if stored { return made.takeUnretainedValue() }
                // Another thread filled the slot first, perhaps with this same route.
                made.release()
                if let other = current?.takeUnretainedValue(), other.route == route { return other }
            }
            index = (index + 1) & (Self.capacity - 1)
        }
        return nil
    }

    /// Every series made so far.
    var all: [RouteSeries] {
        var found: [RouteSeries] = []
        for index in 0..<Self.capacity {
            if let series = slots[index].load(ordering: .acquiring)?.takeUnretainedValue() { found.append(series) }
        }
        return found
    }
}
