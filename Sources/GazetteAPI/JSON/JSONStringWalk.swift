/// The string values a field path reaches in compact JSON, read in place.
///
/// For JSON that `JSONWriter` wrote (no whitespace, valid): an item's stored bytes. It follows
/// `FieldPath.values(in:)`: arrays at any depth are walked element by element, nulls are
/// skipped, and an object is entered by the next component's member. Building the inverted index
/// this way skips parsing each searchable member into a `JSONValue` (an eighth of loading).
enum JSONStringWalk {
    /// Calls `body` with the bytes between the quotes of each string value `components[depth...]`
    /// reaches from the value at the start of `json`, and whether they contain escapes.
    static func forEachString(
        in json: UnsafeRawBufferPointer, components: [String], depth: Int,
        _ body: (UnsafeRawBufferPointer, _ hasEscapes: Bool) -> Void
    ) {
        let bytes = UnsafeBufferPointer(start: json.baseAddress?.assumingMemoryBound(to: UInt8.self), count: json.count)
        var position = 0
        walk(bytes, at: &position, components: components, depth: depth, body)
    }

    private static func walk(
        _ json: UnsafeBufferPointer<UInt8>, at position: inout Int, components: [String], depth: Int,
        _ body: (UnsafeRawBufferPointer, Bool) -> Void
    ) {
        guard position < json.count else { return }
        switch json[position] {
        case UInt8(ascii: "\""):
            let (range, hasEscapes) = string(json, at: &position)
            if depth == components.count { body(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(json)[range]), hasEscapes) }
        case UInt8(ascii: "["):
            position += 1
            if position < json.count, json[position] == UInt8(ascii: "]") { position += 1; return }
            while position < json.count {
                walk(json, at: &position, components: components, depth: depth, body)
                guard position < json.count else { return }
                let separator = json[position]
                position += 1
                if separator == UInt8(ascii: "]") { return }
            }
        case UInt8(ascii: "{"):
            let wanted = depth < components.count ? components[depth] : nil
            position += 1
            if position < json.count, json[position] == UInt8(ascii: "}") { position += 1; return }
            while position < json.count {
                let (keyRange, keyEscapes) = string(json, at: &position)
                position += 1  // ":"
                let key = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(json)[keyRange])
                if let wanted, matches(key, escaped: keyEscapes, wanted) {
                    walk(json, at: &position, components: components, depth: depth + 1, body)
                } else {
                    skip(json, at: &position)
                }
                guard position < json.count else { return }
                let separator = json[position]
                position += 1
                if separator == UInt8(ascii: "}") { return }
            }
        default:
            skip(json, at: &position)
        }
    }

    /// The range inside the quotes of the string at `position`; `position` moves past it.
    private static func string(_ json: UnsafeBufferPointer<UInt8>, at position: inout Int) -> (Range<Int>, Bool) {
        let start = position + 1
        guard let (end, hasEscapes) = JSONStringScan.stringEnd(in: json, from: position) else {
            position = json.count
            return (min(start, json.count)..<json.count, false)
        }
        position = end
        return (start..<(end - 1), hasEscapes)
    }

    /// Moves `position` past the value there: a string or a container whole, anything else up to
    /// the separator that follows it.
    private static func skip(_ json: UnsafeBufferPointer<UInt8>, at position: inout Int) {
        guard position < json.count else { return }
        switch json[position] {
        case UInt8(ascii: "\""):
            position = JSONStringScan.stringEnd(in: json, from: position)?.end ?? json.count
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            position = JSONStringScan.containerEnd(in: json, from: position) ?? json.count
        default:
            while position < json.count {
                let byte = json[position]
                if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") { return }
                position += 1
            }
        }
    }

    /// The string whose escaped bytes (between the quotes) are `bytes`.
    static func decoded(_ bytes: UnsafeRawBufferPointer) -> String? {
        var quoted: [UInt8] = [UInt8(ascii: "\"")]
        quoted.append(contentsOf: bytes)
        quoted.append(UInt8(ascii: "\""))
        return quoted.withUnsafeBytes { try? JSONParser.parse($0) }?.stringValue
    }

    private static func matches(_ key: UnsafeRawBufferPointer, escaped: Bool, _ name: String) -> Bool {
        escaped ? decoded(key) == name : name.utf8.elementsEqual(key)
    }
}
