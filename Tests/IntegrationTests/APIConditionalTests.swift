import Foundation
import Testing

/// Strong ETags, Last-Modified, If-None-Match and If-Match through curl.
@Suite("API ETags and conditional requests through curl")
struct APIConditionalTests {
    @Test("ETags are strong and stable while nothing changes: items, lists, queried lists, /stats")
    func stableETags() async throws {
        try await withAPI { api in
            for path in ["/officials/dang-ngoc-hau", "/articles/\(Seed.articleID)", "/projects", "/officials?_sort=-name&_per_page=2",
                         "/articles?_embed=officials", "/projects?_group_by=status", "/stats", "/search?q=son+la"] {
                // Several requests on one connection, then on another: the same bytes and the same tag.
                let first = try await Curl.run([api.url(path), "--next", api.url(path), "--next", api.url(path)])
                let second = try await api.get(path)
                let tags = first.transfers.map { $0.header("ETag") } + [second.header("ETag")]
                let tag = try #require(tags[0], "\(path): no ETag: \(first)")
                #expect(!tag.hasPrefix("W/") && tag.hasPrefix("\"") && tag.hasSuffix("\""), "\(path): \(tag)")
                #expect(tags.allSatisfy { $0 == tag }, "\(path): ETags differ: \(tags)")
                #expect(first.transfers.allSatisfy { $0.body == second.body }, "\(path): bodies differ")
                #expect(second.header("Last-Modified") != nil, "\(path): no Last-Modified")
            }
        }
    }

    @Test("Last-Modified is an IMF-fixdate on items and lists")
    func lastModified() async throws {
        try await withAPI { api in
            for path in ["/officials/dang-ngoc-hau", "/officials", "/articles/\(Seed.articleID)/projects"] {
                let value = try #require(try await api.get(path).header("Last-Modified"), "\(path)")
                #expect(value.wholeMatch(of: #/(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT/#) != nil,
                        "\(path): \(value)")
            }
        }
    }

    @Test("a write changes the ETag of the item and of the lists holding it")
    func etagsChangeOnWrites() async throws {
        try await withAPI { api in
            let item = try await api.get("/officials/nguyen-thanh-cong")
            let list = try await api.get("/officials")
            let stats = try await api.get("/stats")
            let patched = try await api.send("PATCH", "/officials/nguyen-thanh-cong", json: #"{"province":"Điện Biên"}"#)
            #expect(patched.statusCode == 200, "\(patched)")
            #expect(patched.header("ETag") != item.header("ETag"))
            let itemAfter = try await api.get("/officials/nguyen-thanh-cong")
            #expect(itemAfter.header("ETag") == patched.header("ETag"), "the write's ETag is the item's")
            #expect(try await api.get("/officials").header("ETag") != list.header("ETag"))

            // An unchanged neighbour keeps its tag.
            let neighbour = try await api.get("/officials/dang-ngoc-hau")
            let created = try await api.send("POST", "/officials", json: APIWriteTests.official)
            #expect(created.statusCode == 201)
            #expect(try await api.get("/officials/dang-ngoc-hau").header("ETag") == neighbour.header("ETag"))
            // /stats counts officials, not provinces: only the new official moves its tag.
            #expect(try await api.get("/stats").header("ETag") != stats.header("ETag"), "/stats counts the new official")
        }
    }

    @Test("an official's ETag changes when a new article names it (its derived articleIds), and again when it is removed")
    func derivedETags() async throws {
        try await withAPI { api in
            let before = try await api.get("/officials/dang-ngoc-hau")
            let other = try await api.get("/officials/nguyen-minh-vu")
            let projectBefore = try await api.get("/projects/\(Seed.exports)")
            let created = try await api.send("POST", "/articles", json: #"""
                {"title":"Sơn La xúc tiến xuất khẩu nông sản","summary":"Tóm tắt.","body":["Tóm tắt."],
                 "publishedOn":"2025-04-02","officialIds":["dang-ngoc-hau"],"projectIds":["xuat-khau-nong-san"]}
                """#)
            #expect(created.statusCode == 201, "\(created)")
            let newID = try created.json()["id"]?.string ?? ""

            let after = try await api.get("/officials/dang-ngoc-hau")
            #expect(after.header("ETag") != before.header("ETag"), "the official's ETag must change")
            #expect(try after.json()["articleIds"]?.strings == [Seed.articleID, newID])
            #expect(try await api.get("/officials/nguyen-minh-vu").header("ETag") == other.header("ETag"), "an official not named keeps its tag")
            let projectAfter = try await api.get("/projects/\(Seed.exports)")
            #expect(projectAfter.header("ETag") != projectBefore.header("ETag"))
            #expect(try await api.get("/officials/dang-ngoc-hau/articles").json().ids == [Seed.articleID, newID])

            // A revalidation with the old tag now gets the new representation.
            let revalidated = try await api.get("/officials/dang-ngoc-hau", ["-H", "If-None-Match: \(before.header("ETag") ?? "")"])
            #expect(revalidated.statusCode == 200, "\(revalidated)")

            let unlinked = try await api.send("PATCH", "/articles/\(newID)", json: #"{"officialIds":[]}"#)
            #expect(unlinked.statusCode == 200, "\(unlinked)")
            let last = try await api.get("/officials/dang-ngoc-hau")
            #expect(try last.json()["articleIds"]?.strings == [Seed.articleID])
            #expect(last.header("ETag") != after.header("ETag"))
        }
    }

    @Test("If-None-Match with the current ETag → 304 without a body, on items, lists and /stats; a stale one → 200")
    func ifNoneMatch() async throws {
        try await withAPI { api in
            for path in ["/officials/dang-ngoc-hau", "/projects?_sort=name&_per_page=2", "/stats", "/articles/\(Seed.articleID)/officials"] {
                let fresh = try await api.get(path)
                let etag = try #require(fresh.header("ETag"), "\(path)")
                let cached = try await api.get(path, ["-H", "If-None-Match: \(etag)"])
                #expect(cached.statusCode == 304, "\(path): \(cached)")
                #expect(cached.body.isEmpty, "\(path)")
                #expect(cached.header("ETag") == etag, "\(path): a 304 repeats the ETag")
                let listed = try await api.get(path, ["-H", "If-None-Match: \"0000000000000000\", \(etag)"])
                #expect(listed.statusCode == 304, "\(path): \(listed)")
                let star = try await api.get(path, ["-H", "If-None-Match: *"])
                #expect(star.statusCode == 304, "\(path): \(star)")
                let stale = try await api.get(path, ["-H", "If-None-Match: \"0000000000000000\""])
                #expect(stale.statusCode == 200, "\(path): \(stale)")
                #expect(stale.body == fresh.body)
            }
            // After a write the old tag no longer matches.
            let etag = try await api.get("/officials/dang-ngoc-hau").header("ETag") ?? ""
            #expect(try await api.send("PATCH", "/officials/dang-ngoc-hau", json: #"{"province":"Lai Châu"}"#).statusCode == 200)
            #expect(try await api.get("/officials/dang-ngoc-hau", ["-H", "If-None-Match: \(etag)"]).statusCode == 200)
        }
    }

    @Test("If-Match: the current ETag lets PUT, PATCH and DELETE through; a stale one → 412 and nothing changes")
    func ifMatch() async throws {
        try await withAPI { api in
            let created = try await api.send("POST", "/officials", json: APIWriteTests.official)
            let first = try #require(created.header("ETag"), "\(created)")

            let patched = try await api.send("PATCH", "/officials/le-van-tam", json: #"{"province":"Lai Châu"}"#,
                                             contentType: "application/merge-patch+json", headers: ["If-Match: \(first)"])
            #expect(patched.statusCode == 200, "\(patched)")
            let second = try #require(patched.header("ETag"))

            // A second editor still holding the first tag is refused, by each method.
            let stalePatch = try await api.send("PATCH", "/officials/le-van-tam", json: #"{"province":"Sơn La"}"#,
                                                headers: ["If-Match: \(first)"])
            expectProblem(stalePatch, status: 412, parameter: "If-Match")
            let stalePut = try await api.send("PUT", "/officials/le-van-tam", json: APIWriteTests.official, headers: ["If-Match: \(first)"])
            expectProblem(stalePut, status: 412)
            let staleDelete = try await api.send("DELETE", "/officials/le-van-tam", contentType: nil, headers: ["If-Match: \(first)"])
            expectProblem(staleDelete, status: 412)
            let current = try await api.get("/officials/le-van-tam")
            #expect(try current.json()["province"]?.string == "Lai Châu", "nothing changed")
            #expect(current.header("ETag") == second)

            let put = try await api.send("PUT", "/officials/le-van-tam", json: APIWriteTests.official, headers: ["If-Match: \(second)"])
            #expect(put.statusCode == 200, "\(put)")
            let third = try #require(put.header("ETag"))
            let deleted = try await api.send("DELETE", "/officials/le-van-tam", contentType: nil, headers: ["If-Match: \(third)"])
            #expect(deleted.statusCode == 204, "\(deleted)")

            // If-Match on an item that does not exist fails too (RFC 9110 §13.1.1).
            let absent = try await api.send("PUT", "/officials/le-van-tam", json: APIWriteTests.official, headers: ["If-Match: \(third)"])
            expectProblem(absent, status: 412)
        }
    }
}
