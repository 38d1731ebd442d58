extension JSONValue {
    /// A string in NFC, as the store keeps text: generated values must match what it would load.
    static func text(_ text: String) -> JSONValue {
        .string(TextFolding.nfc(text))
    }
}
