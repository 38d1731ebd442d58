/// The three resources Gazette serves.
public enum ResourceKind: String, Sendable, CaseIterable, Hashable {
    case articles
    case officials
    case projects

    /// The schema that validates, queries and documents this resource.
    public var schema: ResourceSchema {
        switch self {
        case .articles: ArticleSchema.schema
        case .officials: OfficialSchema.schema
        case .projects: ProjectSchema.schema
        }
    }

    /// Singular name for messages and `/search` results: `article`, `official`, `project`.
    public var singular: String {
        switch self {
        case .articles: "article"
        case .officials: "official"
        case .projects: "project"
        }
    }
}
