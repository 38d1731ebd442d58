/// How the API guards writes and answers browsers.
public struct APIConfiguration: Sendable {
    /// The bearer token writes must carry.
    public var token: String
    /// Refuse every write with 403.
    public var isReadOnly: Bool
    /// Origins allowed by CORS; `["*"]` allows any.
    public var corsOrigins: [String]

    public init(token: String, isReadOnly: Bool = false, corsOrigins: [String] = ["*"]) {
        self.token = token
        self.isReadOnly = isReadOnly
        self.corsOrigins = corsOrigins
    }
}
