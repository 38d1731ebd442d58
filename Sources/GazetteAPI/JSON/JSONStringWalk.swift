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
        var position = 0
        walk(json, at: &position, components: components, depth: depth, body)
    }

    private static func walk(
        _ json: UnsafeRawBufferPointer, at position: inout Int, components: [String], depth: Int,
        _ body: (UnsafeRawBufferPointer, Bool) -> Void
    ) {
        guard position < json.count else { return }
        switch json[position] {
        case UInt8(ascii: "\""):
            let (range, hasEscapes) = string(json, at: &position)
            if depth == components.count { body(UnsafeRawBufferPointer(rebasing: json[range]), hasEscapes) }
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
                let isWanted = wanted.map { matches(UnsafeRawBufferPointer(rebasing: json[keyRange]), escaped: keyEscapes, $0) } ?? false
                if isWanted {
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
    private static func string(_ json: UnsafeRawBufferPointer, at position: inout Int) -> (Range<Int>, Bool) {
        let start = position + 1
        var index = start
        var hasEscapes = false
        let bytes = UnsafeBufferPointer(start: json.baseAddress?.assumingMemoryBound(to: UInt8.self), count: json.count)
        while index < json.count {
            index = JSONStringScan.firstSpecial(in: bytes, from: index)
            guard index < json.count else { break }
            let byte = json[index]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                index += 2
                continue
            }
            index += 1  // a control byte: stored JSON has none, but it would not end the string
        }
        let end = min(index, json.count)
        position = end + 1
        return (start..<end, hasEscapes)
    }

    /// Moves `position` past the value there.
    private static func skip(_ json: UnsafeRawBufferPointer, at position: inout Int) {
        guard position < json.count else { return }
        switch json[position] {
        case UInt8(ascii: "\""):
            _ = string(json, at: &position)
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            var nesting = 0
            while position < json.count {
                let byte = json[position]
                if byte == UInt8(ascii: "\"") { _ = string(json, at: &position); continue }
                position += 1
                if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
                    nesting += 1
                } else if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                    nesting -= 1
                    if nesting == 0 { return }
                }
            }
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
