/// A list query, parsed and typed against a resource's schema (`QueryParser` makes it; the
/// `QueryEngine` runs it). Parsing and running are kept apart so that running can later start
/// from an index without the language changing.
struct ListQuery: Sendable {
    /// All must hold (`field=value`, `field:op=value`); repeated equalities are already one `in`.
    var conditions: [QueryCondition] = []
    /// `q=`.
    var fullText: FullTextQuery?
    /// `_sort=`; empty means creation order, or relevance when there is a `q`.
    var sort: [SortKey] = []
    /// `_page`, from 1.
    var page = 1
    /// `_per_page`, 1 to 100.
    var perPage = Pagination.defaultPerPage
    /// `_envelope=true`.
    var isEnveloped = false
    /// `_fields=`.
    var selection: FieldSelection?
    /// `_embed=`: related resources to put inline, in the order asked.
    var embeds: [ResourceKind] = []
    /// `_group_by=` and/or `_agg=`: groups are returned instead of items.
    var grouping: Grouping?
}
