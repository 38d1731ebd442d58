/// The values of a route template's `{name}` segments, in template order.
///
/// A route has one or two parameters, so a list beats a dictionary: no hashing, one allocation.
public struct HTTPPathParameters: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    public typealias Element = (name: String, value: String)

    private var pairs: [Element] = []

    public init() {}

    public init(dictionaryLiteral elements: (String, String)...) {
        for (name, value) in elements { self[name] = value }
    }

    public var count: Int { pairs.count }
    public var isEmpty: Bool { pairs.isEmpty }

    public func makeIterator() -> IndexingIterator<[Element]> { pairs.makeIterator() }

    /// The router's capture while it walks a path: names along one path are distinct.
    mutating func append(_ name: String, _ value: String) {
        if pairs.capacity == 0 { pairs.reserveCapacity(2) }
        pairs.append((name, value))
    }

    mutating func removeLast() {
        pairs.removeLast()
    }

    /// The value of parameter `name`; setting a name again replaces its value.
    public subscript(name: String) -> String? {
        get { pairs.first { $0.name == name }?.value }
        set {
            let index = pairs.firstIndex { $0.name == name }
            switch (index, newValue) {
            case (let index?, let value?): pairs[index].value = value
            case (let index?, nil): pairs.remove(at: index)
            case (nil, let value?): pairs.append((name, value))
            case (nil, nil): break
            }
        }
    }
}
