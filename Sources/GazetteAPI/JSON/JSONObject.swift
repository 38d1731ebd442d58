/// An object that keeps its members in insertion order (output order is deterministic).
///
/// Equality ignores the order: two objects with the same names bound to equal values are equal,
/// and hash alike. Names compare as Swift strings do, so a name in NFC and the same name in NFD
/// are one member. Lookups scan small objects and use a hash index once an object grows.
public struct JSONObject: Sendable {
    /// Above this many members, lookups go through `index` instead of a linear scan.
    private static let linearScanLimit = 24

    private(set) var storedKeys: [String]
    private(set) var storedValues: [JSONValue]
    /// Position of each name in `storedKeys`; empty while `count <= linearScanLimit`.
    private var index: [String: Int]

    /// An empty object.
    public init() {
        storedKeys = []
        storedValues = []
        index = [:]
    }

    /// An object with these members in this order; a repeated name keeps its first position and its last value.
    public init(_ members: [(String, JSONValue)]) {
        self.init()
        storedKeys.reserveCapacity(members.count)
        storedValues.reserveCapacity(members.count)
        for (key, value) in members {
            self[key] = value
        }
    }

    /// An object from names the caller knows to be distinct (the parser checks first) and their values.
    init(uniqueKeys keys: [String], values: [JSONValue]) {
        storedKeys = keys
        storedValues = values
        index = [:]
        rebuildIndex()
    }

    /// The number of members.
    public var count: Int { storedKeys.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { storedKeys.isEmpty }

    /// The member names in order.
    public var keys: [String] { storedKeys }

    /// The member values in order.
    public var values: [JSONValue] { storedValues }

    /// The value of the member named `key`. Setting `nil` removes the member; setting a new name
    /// appends it; setting an existing name replaces the value in place.
    public subscript(key: String) -> JSONValue? {
        get {
            position(of: key).map { storedValues[$0] }
        }
        set {
            if let newValue {
                if let position = position(of: key) {
                    storedValues[position] = newValue
                } else {
                    append(key, newValue)
                }
            } else {
                removeValue(forKey: key)
            }
        }
    }

    /// Removes the member named `key` and returns its value, or returns `nil` if there is none.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let position = position(of: key) else { return nil }
        storedKeys.remove(at: position)
        let value = storedValues.remove(at: position)
        rebuildIndex()
        return value
    }

    /// Appends a member whose name is known to be new.
    private mutating func append(_ key: String, _ value: JSONValue) {
        storedKeys.append(key)
        storedValues.append(value)
        if storedKeys.count > Self.linearScanLimit {
            if index.isEmpty {
                rebuildIndex()
            } else {
                index[key] = storedKeys.count - 1
            }
        }
    }

    private func position(of key: String) -> Int? {
        if storedKeys.count > Self.linearScanLimit {
            return index[key]
        }
        return storedKeys.firstIndex(of: key)
    }

    private mutating func rebuildIndex() {
        index.removeAll(keepingCapacity: true)
        guard storedKeys.count > Self.linearScanLimit else { return }
        index.reserveCapacity(storedKeys.count)
        for (position, key) in storedKeys.enumerated() {
            index[key] = position
        }
    }
}

extension JSONObject: Hashable {
    /// Same names bound to equal values, in any order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs.storedKeys == rhs.storedKeys {
            return lhs.storedValues == rhs.storedValues
        }
        for (key, value) in zip(lhs.storedKeys, lhs.storedValues) {
            guard let other = rhs[key], other == value else { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        // Order-independent: the members' own hashes are summed, so any order hashes alike.
        var sum = 0
        for (key, value) in zip(storedKeys, storedValues) {
            var member = Hasher()
            member.combine(key)
            member.combine(value)
            sum &+= member.finalize()
        }
        hasher.combine(sum)
    }
}

extension JSONObject: Sequence {
    /// Walks the members in order.
    public struct Iterator: IteratorProtocol {
        private let object: JSONObject
        private var position = 0

        init(_ object: JSONObject) {
            self.object = object
        }

        public mutating func next() -> (key: String, value: JSONValue)? {
            guard position < object.storedKeys.count else { return nil }
            defer { position += 1 }
            return (object.storedKeys[position], object.storedValues[position])
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(self)
    }

    public var underestimatedCount: Int { count }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// An object with the members in the written order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}

extension JSONObject: CustomDebugStringConvertible {
    /// The object as compact JSON.
    public var debugDescription: String {
        JSONValue.object(self).debugDescription
    }
}
