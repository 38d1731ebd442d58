/// A news article: the report itself, with links to the officials and projects it names.
public enum ArticleSchema {
    public static let schema = ResourceSchema(kind: .articles, labelField: "title", fields: [
        FieldSpec("id", .slug, summary: "URL slug made from the folded title; made by the server when a POST has none."),
        FieldSpec("title", .text, required: true, search: 3, summary: "Headline, in Vietnamese."),
        FieldSpec("titleEn", .text, search: 3, summary: "Headline in English."),
        FieldSpec("summary", .text, required: true, search: 2, summary: "The lead paragraph."),
        FieldSpec("summaryEn", .text, search: 2, summary: "The lead paragraph in English."),
        FieldSpec("body", .array(.text), required: true, search: 1,
                  summary: "Every paragraph in order, the lead included, without photo captions."),
        FieldSpec("images", .array(.object([
            FieldSpec("caption", .text, required: true, search: 1, summary: "Photo caption, in Vietnamese."),
            FieldSpec("captionEn", .text, search: 1, summary: "Photo caption in English."),
        ])), summary: "The photos, each caption once."),
        FieldSpec("author", .text, search: 2, summary: "Byline."),
        FieldSpec("source", .object([
            FieldSpec("name", .text, required: true, summary: "Publication."),
            FieldSpec("url", .url, required: true, summary: "Address of the original report."),
        ]), summary: "Where the report was published."),
        FieldSpec("publishedOn", .date, required: true, summary: "Publication date."),
        FieldSpec("notes", .text, summary: "Editorial notes, e.g. how a date was inferred."),
        FieldSpec("province", .text, search: 1, summary: "Province the report is about."),
        FieldSpec("tags", .array(.text), search: 2, summary: "Topics."),
        FieldSpec("officialIds", .array(.slug), reference: .officials, summary: "Officials the article names."),
        FieldSpec("projectIds", .array(.slug), reference: .projects, summary: "Projects the article reports on."),
        FieldSpec("createdAt", .dateTime, access: .serverManaged, summary: "When the server stored it first."),
        FieldSpec("updatedAt", .dateTime, access: .serverManaged, summary: "When the server stored it last."),
    ])
}
