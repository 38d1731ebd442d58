/// Why a JSON text was rejected, and where: the first byte that cannot belong to a valid text.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong, e.g. `expected ',' or '}' after an object member` or `duplicate member name "title"`.
    public var message: String
    /// Byte offset from 0 (equal to the input's length when the input ended too early).
    public var offset: Int
    /// Line number from 1; a line ends at LF, CR LF or a lone CR.
    public var line: Int
    /// Column from 1, counted in bytes.
    public var column: Int

    /// An error with an explicit position.
    public init(message: String, offset: Int, line: Int, column: Int) {
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// An error at `offset` in `input`, with its line and column counted from the bytes before it.
    init(message: String, offset: Int, in input: UnsafeBufferPointer<UInt8>) {
        var line = 1
        var lineStart = 0
        var position = 0
        let end = min(offset, input.count)
        while position < end {
            switch input[position] {
            case UInt8(ascii: "\n"):
                line += 1
                lineStart = position + 1
            case UInt8(ascii: "\r"):
                // CR LF is one break: the LF that follows (if any) starts the line.
                if position + 1 < input.count, input[position + 1] == UInt8(ascii: "\n") {
                    break
                }
                line += 1
                lineStart = position + 1
            default:
                break
            }
            position += 1
        }
        self.init(message: message, offset: offset, line: line, column: offset - lineStart + 1)
    }

    /// `<message> at line L, column C (byte O)`.
    public var description: String {
        "\(message) at line \(line), column \(column) (byte \(offset))"
    }
}
