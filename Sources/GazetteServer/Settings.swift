/// Reads settings from the environment, refusing malformed values with a message that names them.
struct Settings {
    struct Invalid: Error {
        var message: String
    }

    let environment: [String: String]

    func string(_ name: String) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw Invalid(message: "\(name) must be an integer from \(range.lowerBound) to \(range.upperBound), not \"\(text)\"")
        }
        return value
    }

    func double(_ name: String) throws -> Double? {
        guard let text = string(name) else { return nil }
        guard let value = Double(text), value.isFinite else {
            throw Invalid(message: "\(name) must be a number, not \"\(text)\"")
        }
        return value
    }

    func flag(_ name: String) throws -> Bool {
        guard let text = string(name)?.lowercased() else { return false }
        switch text {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw Invalid(message: "\(name) must be true or false, not \"\(text)\"")
        }
    }
}
