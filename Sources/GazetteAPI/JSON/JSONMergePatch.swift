/// JSON Merge Patch (RFC 7396), the body format of `PATCH`.
public enum JSONMergePatch {
    /// RFC 7396 MergePatch(target, patch).
    ///
    /// An object patch merges member by member: `null` removes a member, anything else replaces
    /// or recursively merges it, and new members are appended after the existing ones. Any other
    /// patch (an array, a string, `null`…) replaces the target whole.
    public static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        guard case .object(let patchObject) = patch else { return patch }
        // RFC 7396 §2: a target that is not an object becomes an empty one.
        var result = target.objectValue ?? JSONObject()
        for (name, value) in patchObject {
            if value.isNull {
                result.removeValue(forKey: name)
            } else {
                // A missing member merges like `null`: an object patch becomes a fresh object.
                result[name] = apply(value, to: result[name] ?? .null)
            }
        }
        return .object(result)
    }
}
