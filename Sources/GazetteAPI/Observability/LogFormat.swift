import Foundation

/// How log lines are written: `LOG_FORMAT=json` (the default: one JSON object per line, for log
/// collectors) or `LOG_FORMAT=text` (for people reading a terminal).
public enum LogFormat: String, Sendable, CaseIterable {
    case json
    case text

    /// Reads a `LOG_FORMAT` value, ignoring case and surrounding spaces; `nil` if it is neither.
    public init?(setting: String) {
        let trimmed = setting.trimmingCharacters(in: .whitespaces).lowercased()
        self.init(rawValue: trimmed)
    }
}
