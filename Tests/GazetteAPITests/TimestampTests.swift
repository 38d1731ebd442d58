import Foundation
@testable import GazetteAPI
import Testing

@Suite("Timestamp")
struct TimestampTests {
    @Test("writes what ISO8601FormatStyle writes, over a spread of dates")
    func matchesFoundation() {
        var seconds: Double = -2_208_988_800  // 1900-01-01
        while seconds < 4_102_444_800 {  // 2100-01-01
            for fraction in [0.0, 0.25, 0.999] {
                let date = Date(timeIntervalSince1970: seconds + fraction)
                #expect(Timestamp.format(date) == Timestamp.foundationFormat(date), "\(seconds + fraction)")
            }
            seconds += 7_777_777.5
        }
        for edge in [0.0, -1, -0.5, 86_399, 86_400, 951_782_400 /* 2000-02-29 */, 1_795_776_000] {
            let date = Date(timeIntervalSince1970: edge)
            #expect(Timestamp.format(date) == Timestamp.foundationFormat(date), "\(edge)")
        }
    }

    @Test("reads back what it writes")
    func roundTrip() {
        let date = Date(timeIntervalSince1970: 1_795_959_319)
        #expect(Timestamp.format(date) == "2026-11-29T13:35:19Z")
        #expect(Timestamp.parse(Timestamp.format(date)) == date)
    }
}
