import Foundation

/// The article shape of `../shared/bench/fixtures` (the peers' `BenchModel.Article`), so that
/// every server encodes the same value.
struct BenchArticle: Codable, Sendable {
    struct Author: Codable, Sendable {
        var id: Int
        var name: String
    }

    struct Category: Codable, Sendable {
        var id: Int
        var name: String
        var slug: String
    }

    var id: Int
    var slug: String
    var title: String
    var sapo: String
    var body: [String]
    var author: Author
    var category: Category
    var tags: [String]
    var publishedAt: String
    var viewCount: Int
    var commentCount: Int
    var relatedIds: [Int]
    var isFeatured: Bool
}
