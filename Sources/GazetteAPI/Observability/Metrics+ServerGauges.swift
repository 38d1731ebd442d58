extension Metrics {
    /// Adds Gazette's gauges: `gazette_open_connections`, `gazette_items{resource}` for each
    /// resource, and `gazette_journal_bytes`.
    public func addServerGauges(
        store: GazetteStore, openConnections: @escaping @Sendable () -> Int, journalBytes: @escaping @Sendable () -> Int
    ) {
        addGauge("gazette_open_connections", help: "Client connections open now.") { Double(openConnections()) }
        addGauge("gazette_items", help: "Items stored, by resource.", label: "resource") {
            let snapshot = store.snapshot()
            return ResourceKind.allCases.map { ($0.rawValue, Double(snapshot.count($0))) }
        }
        addGauge("gazette_journal_bytes", help: "Size of the write journal on disk, in bytes (0 without --data-dir).") {
            Double(journalBytes())
        }
    }
}
