/// A person the reports name, with every position the text gives.
public enum OfficialSchema {
    public static let levels = ["central", "provincial"]

    public static let schema = ResourceSchema(kind: .officials, labelField: "name", fields: [
        FieldSpec("id", .slug, summary: "URL slug made from the folded name (`dang-ngoc-hau`)."),
        FieldSpec("name", .text, required: true, search: 3, summary: "Full name, in Vietnamese."),
        FieldSpec("positions", .array(.object([
            FieldSpec("title", .text, required: true, search: 2, summary: "Position, in Vietnamese."),
            FieldSpec("organization", .text, required: true, search: 2, summary: "Organization, in Vietnamese."),
            FieldSpec("titleEn", .text, search: 2, summary: "Position in English."),
            FieldSpec("organizationEn", .text, search: 2, summary: "Organization in English."),
        ])), required: true, summary: "Every position the text gives."),
        FieldSpec("level", .enumeration(levels), required: true, summary: "Central (ministry, Party) or provincial."),
        FieldSpec("province", .text, search: 1, summary: "Province, for provincial officials."),
        FieldSpec("articleIds", .array(.slug), access: .derived, summary: "Articles that name this official (read-only)."),
        FieldSpec("createdAt", .dateTime, access: .serverManaged, summary: "When the server stored it first."),
        FieldSpec("updatedAt", .dateTime, access: .serverManaged, summary: "When the server stored it last."),
    ])
}
