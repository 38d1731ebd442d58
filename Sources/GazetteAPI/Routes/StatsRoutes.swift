import GazetteHTTP

/// `GET /stats`: a dashboard's first screen in one request.
struct StatsRoutes {
    let store: GazetteStore

    var routes: [Route] {
        [Route(.get, "/stats") { request in
            respond { () throws(APIError) in
                try QueryGuard.rejectAll(request)
                let snapshot = store.snapshot()
                return JSONResponse.value(.object(Self.stats(snapshot)), request: request,
                                          modifiedAt: ResourceKind.allCases.map { snapshot.modifiedAt($0) }.max())
            }
        }]
    }

    static func stats(_ snapshot: StoreSnapshot) -> JSONObject {
        var counts = JSONObject()
        for kind in ResourceKind.allCases { counts[kind.rawValue] = .number(Double(snapshot.count(kind))) }
        let projects = snapshot.items(.projects)
        var area = 0.0
        for project in projects { area += project.member("areaHa")?.numberValue ?? 0 }
        var perOrganization: [String: Set<String>] = [:]
        for official in snapshot.items(.officials) {
            for position in official.member("positions")?.arrayValue ?? [] {
                if let organization = position["organization"]?.stringValue {
                    perOrganization[organization, default: []].insert(official.id)
                }
            }
        }
        var months: [String: Int] = [:]
        for article in snapshot.items(.articles) {
            if let date = article.member("publishedOn")?.stringValue, date.count >= 7 { months[String(date.prefix(7)), default: 0] += 1 }
        }
        return [
            "counts": .object(counts),
            "projectsByStatus": tally(projects.compactMap { $0.member("status")?.stringValue }, order: ProjectSchema.statuses),
            "projectsByCategory": tally(projects.compactMap { $0.member("category")?.stringValue }, order: ProjectSchema.categories),
            "totalPlannedAreaHa": .number((area * 1000).rounded() / 1000),
            "articlesByMonth": .object(JSONObject(months.sorted { $0.key < $1.key }.map { ($0.key, .number(Double($0.value))) })),
            "officialsByOrganization": .object(JSONObject(
                perOrganization.sorted { VietnameseCollation.areInIncreasingOrder($0.key, $1.key) }
                    .map { ($0.key, .number(Double($0.value.count))) })),
        ]
    }

    /// Counts per value, every allowed value listed (0 included) in the schema's order.
    private static func tally(_ values: [String], order: [String]) -> JSONValue {
        var counts = Dictionary(uniqueKeysWithValues: order.map { ($0, 0) })
        for value in values { counts[value, default: 0] += 1 }
        return .object(JSONObject(order.map { ($0, .number(Double(counts[$0] ?? 0))) }))
    }
}
