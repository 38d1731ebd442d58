/// A development project, plan or investment area that the reports cover.
public enum ProjectSchema {
    public static let categories = ["border-gate", "development-scheme", "agriculture", "renewable-energy", "infrastructure", "other"]
    public static let statuses = ["proposed", "planning", "drafting", "seeking-investment", "approved", "in-progress", "completed"]

    public static let schema = ResourceSchema(kind: .projects, labelField: "name", fields: [
        FieldSpec("id", .slug, summary: "URL slug made from the folded name."),
        FieldSpec("name", .text, required: true, search: 3, summary: "Name, in Vietnamese."),
        FieldSpec("nameEn", .text, search: 3, summary: "Name in English."),
        FieldSpec("category", .enumeration(categories), required: true, summary: "Kind of project."),
        FieldSpec("status", .enumeration(statuses), required: true, summary: "Where it stands."),
        FieldSpec("province", .text, search: 1, summary: "Province."),
        FieldSpec("location", .text, search: 1, summary: "Where, in the words of the report."),
        FieldSpec("areaHa", .number(minimum: 0), summary: "Planned area in hectares."),
        FieldSpec("startYear", .integer(minimum: 1900, maximum: 2200), summary: "First year."),
        FieldSpec("endYear", .integer(minimum: 1900, maximum: 2200), summary: "Last year."),
        FieldSpec("phases", .array(.object([
            FieldSpec("name", .text, required: true, search: 1, summary: "Phase, as the report writes it."),
            FieldSpec("startYear", .integer(minimum: 1900, maximum: 2200), required: true, summary: "First year."),
            FieldSpec("endYear", .integer(minimum: 1900, maximum: 2200), required: true, summary: "Last year."),
        ])), summary: "Phases of the plan."),
        FieldSpec("components", .array(.text), search: 1, summary: "Planned component areas."),
        FieldSpec("objectives", .array(.text), search: 1, summary: "Goals, in the words of the report."),
        FieldSpec("partners", .array(.object([
            FieldSpec("name", .text, required: true, search: 1, summary: "Partner, e.g. the paired border gate."),
            FieldSpec("country", .text, search: 1, summary: "Country, in Vietnamese."),
            FieldSpec("countryEn", .text, summary: "Country in English."),
            FieldSpec("role", .text, search: 1, summary: "Role, in Vietnamese."),
            FieldSpec("roleEn", .text, summary: "Role in English."),
        ])), summary: "Partners across the border."),
        FieldSpec("legalBasis", .array(.object([
            FieldSpec("document", .text, required: true, search: 1, summary: "Document, e.g. Nghị quyết số 59-NQ/TW."),
            FieldSpec("issuedOn", .date, summary: "Date of issue."),
            FieldSpec("issuer", .text, search: 1, summary: "Issuing body."),
            FieldSpec("subject", .text, search: 1, summary: "Subject, in Vietnamese."),
            FieldSpec("subjectEn", .text, summary: "Subject in English."),
        ])), summary: "Legal basis."),
        FieldSpec("articleIds", .array(.slug), access: .derived, summary: "Articles that report on it (read-only)."),
        FieldSpec("createdAt", .dateTime, access: .serverManaged, summary: "When the server stored it first."),
        FieldSpec("updatedAt", .dateTime, access: .serverManaged, summary: "When the server stored it last."),
    ])
}
