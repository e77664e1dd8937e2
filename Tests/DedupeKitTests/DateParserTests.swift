import DedupeKit
import Foundation
import Testing

@Suite("DateParser")
struct DateParserTests {
    private let bridgeTime = TestSupport.utc(2026, 3, 14, 8, 30, 0)

    // MARK: ISO 8601

    @Test func isoDateIsMidnightUTCWithoutTime() throws {
        let date = try #require(DateParser.parse("2026-03-14"))
        #expect(date.secondsSince1970 == TestSupport.utc(2026, 3, 14))
        #expect(date.hasTime == false)
    }

    @Test(arguments: [
        "2026-03-14T08:30:00Z",
        "2026-03-14T08:30:00z",
        "2026-03-14t08:30:00Z",
        "2026-03-14T08:30Z",
        "2026-03-14 08:30:00Z",
        "2026-03-14T08:30:00",          // no zone: UTC
        "2026-03-14T08:30:00.000Z",
        "2026-03-14T08:30:00.987654Z",  // fractions are dropped, not rounded
        "2026-03-14T08:30:00,5Z",
        "2026-03-14T10:30:00+02:00",
        "2026-03-14T10:30:00+0200",
        "2026-03-14T10:30:00+02",
        "2026-03-14T03:00:00-05:30",
        "2026-03-13T23:30:00-09:00",    // previous day in the writer's zone
        "2026-03-14T14:15:30.25+05:45",
        "  2026-03-14T08:30:00Z  ",     // surrounding spaces
    ])
    func isoDateTimesAreTheSameInstant(_ text: String) throws {
        let date = try #require(DateParser.parse(text), "\(text) should parse")
        let expected = text.contains("14:15:30") ? bridgeTime + 30 : bridgeTime
        #expect(date.secondsSince1970 == expected, "\(text)")
        #expect(date.hasTime)
    }

    @Test func leapDayAndYearBoundaries() throws {
        #expect(DateParser.parse("2024-02-29")?.secondsSince1970 == TestSupport.utc(2024, 2, 29))
        #expect(DateParser.parse("2000-02-29")?.secondsSince1970 == TestSupport.utc(2000, 2, 29))
        #expect(DateParser.parse("1999-12-31T23:59:59Z")?.secondsSince1970 == TestSupport.utc(1999, 12, 31, 23, 59, 59))
        #expect(DateParser.parse("1969-07-20T20:17:40Z")?.secondsSince1970 == TestSupport.utc(1969, 7, 20, 20, 17, 40))
        #expect(DateParser.parse("2026-01-01T00:30:00+01:00")?.secondsSince1970 == TestSupport.utc(2025, 12, 31, 23, 30, 0))
    }

    // MARK: RFC 2822

    @Test(arguments: [
        "Sat, 14 Mar 2026 08:30:00 +0000",
        "Sat, 14 Mar 2026 08:30:00 GMT",
        "Sat, 14 Mar 2026 08:30:00 UT",
        "Sat, 14 Mar 2026 08:30:00 UTC",
        "Sat, 14 Mar 2026 08:30:00 Z",
        "sat, 14 mar 2026 08:30:00 gmt",
        "Sat 14 Mar 2026 08:30:00 GMT",       // weekday without the comma
        "14 Mar 2026 08:30:00 GMT",           // no weekday
        "Saturday, 14 March 2026 08:30:00 GMT",
        "Sat, 14 Mar 2026 08:30 GMT",         // no seconds
        "Sat, 14 Mar 2026 08:30:00",          // no zone: UTC
        "Sat, 14 Mar 2026 03:30:00 EST",
        "Sat, 14 Mar 2026 04:30:00 EDT",
        "Sat, 14 Mar 2026 02:30:00 CST",
        "Sat, 14 Mar 2026 03:30:00 CDT",
        "Sat, 14 Mar 2026 01:30:00 MST",
        "Sat, 14 Mar 2026 02:30:00 MDT",
        "Sat, 14 Mar 2026 00:30:00 PST",
        "Sat, 14 Mar 2026 01:30:00 PDT",
        "Sat, 14 Mar 2026 10:30:00 +0200",
        "Sat, 14 Mar 2026 03:30:00 -0500",
        "Sat, 14 Mar 2026 14:00:00 +0530",
        "Sat, 14 Mar 2026 08:30:00 +0000 (UTC)",
        "  Sat, 14 Mar 2026 08:30:00 GMT ",
    ])
    func rfc2822DatesAreTheSameInstant(_ text: String) throws {
        let date = try #require(DateParser.parse(text), "\(text) should parse")
        #expect(date.secondsSince1970 == bridgeTime, "\(text)")
        #expect(date.hasTime)
    }

    @Test func rfc2822TwoDigitYears() throws {
        // RFC 2822 section 4.3: 00-49 are 2000-2049, 50-99 are 1950-1999.
        #expect(DateParser.parse("Sat, 14 Mar 26 08:30:00 +0000")?.secondsSince1970 == bridgeTime)
        #expect(DateParser.parse("14 Mar 49 00:00 GMT")?.secondsSince1970 == TestSupport.utc(2049, 3, 14))
        #expect(DateParser.parse("Tue, 14 Mar 95 08:30:00 GMT")?.secondsSince1970 == TestSupport.utc(1995, 3, 14, 8, 30, 0))
        #expect(DateParser.parse("01 Jan 50 12:00 GMT")?.secondsSince1970 == TestSupport.utc(1950, 1, 1, 12, 0, 0))
    }

    @Test func rfc2822WithoutTimeIsADate() throws {
        let date = try #require(DateParser.parse("14 Mar 2026"))
        #expect(date.secondsSince1970 == TestSupport.utc(2026, 3, 14))
        #expect(date.hasTime == false)
        #expect(DateParser.parse("29 Feb 2024")?.secondsSince1970 == TestSupport.utc(2024, 2, 29))
    }

    // MARK: Invalid

    @Test(arguments: [
        "", "   ", "garbage", "sometime last spring", "yesterday", "2026", "2026-03", "20260314",
        "2026-13-01", "2026-00-10", "2026-02-30", "2025-02-29", "1900-02-29", "2026-04-31", "2026-03-00", "2026-03-32",
        "2026-03-14T24:00:00Z", "2026-03-14T08:60:00Z", "2026-03-14T08:30:61Z", "2026-03-14T8:30Z",
        "2026-03-14T08:30:00+25:00", "2026-03-14T08:30:00Q", "2026-03-14T08:30:00Z extra", "2026-03-14x",
        "2026/03/14", "14/03/2026",
        "30 Feb 2026", "31 Apr 2026 10:00 GMT", "29 Feb 2025", "Sat, 14 Foo 2026 08:30:00 GMT", "Sat, 0 Mar 2026",
        "Sat, 14 Mar 2026 25:00:00 GMT", "Sat, 14 Mar 2026 08:61 GMT", "Sat, 14 Mar 2026 8.30 GMT",
        "Sat, 14 Mar 2026 08:30:00 XYZ", "Sat, 14 Mar 2026 08:30:00 +00", "Sat, Mar 14 2026",
    ])
    func invalidValuesAreNil(_ text: String) {
        #expect(DateParser.parse(text) == nil, "\"\(text)\" should not parse")
    }

    // MARK: ArticleDate

    @Test func iso8601PrintsUTC() throws {
        #expect(DateParser.parse("2026-03-14T10:30:00+02:00")?.iso8601 == "2026-03-14T08:30:00Z")
        #expect(DateParser.parse("Sat, 14 Mar 2026 03:30:00 EST")?.iso8601 == "2026-03-14T08:30:00Z")
        #expect(DateParser.parse("2026-03-14")?.iso8601 == "2026-03-14")
        #expect(DateParser.parse("14 Mar 26")?.iso8601 == "2026-03-14")
        #expect(DateParser.parse("2026-01-01T00:30:00+01:00")?.iso8601 == "2025-12-31T23:30:00Z")
        #expect(ArticleDate(secondsSince1970: 0, hasTime: true).iso8601 == "1970-01-01T00:00:00Z")
        #expect(ArticleDate(secondsSince1970: -1, hasTime: true).iso8601 == "1969-12-31T23:59:59Z")
    }

    @Test func iso8601RoundTrips() throws {
        var rng = SplitMix64(seed: 2026)
        var samples: [ArticleDate] = [
            ArticleDate(secondsSince1970: 0, hasTime: false),
            ArticleDate(secondsSince1970: -86_400, hasTime: false),
            ArticleDate(secondsSince1970: TestSupport.utc(2024, 2, 29), hasTime: false),
            ArticleDate(secondsSince1970: TestSupport.utc(2024, 2, 29, 23, 59, 59), hasTime: true),
            ArticleDate(secondsSince1970: TestSupport.utc(1900, 3, 1, 12, 0, 0), hasTime: true),
        ]
        // Random instants between 1900 and 2100, whole seconds (and whole days for dates).
        let low = TestSupport.utc(1900, 1, 1), high = TestSupport.utc(2100, 1, 1)
        for _ in 0..<500 {
            let seconds = Int64.random(in: low..<high, using: &rng)
            samples.append(ArticleDate(secondsSince1970: seconds, hasTime: true))
            samples.append(ArticleDate(secondsSince1970: seconds - ((seconds % 86_400) + 86_400) % 86_400, hasTime: false))
        }
        for date in samples {
            let text = date.iso8601
            let parsed = DateParser.parse(text)
            #expect(parsed == date, "\(text) did not round-trip")
        }
    }

    @Test func iso8601MatchesFoundationFormatter() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        var rng = SplitMix64(seed: 7)
        for _ in 0..<200 {
            let seconds = Int64.random(in: TestSupport.utc(1950, 1, 1)..<TestSupport.utc(2090, 1, 1), using: &rng)
            let expected = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            #expect(ArticleDate(secondsSince1970: seconds, hasTime: true).iso8601 == expected)
        }
    }

    @Test func codableUsesTheISOString() throws {
        let date = try #require(DateParser.parse("2026-03-14T10:30:00+02:00"))
        let data = try JSONEncoder().encode([date])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-03-14T08:30:00Z"]"#)
        #expect(try JSONDecoder().decode([ArticleDate].self, from: data) == [date])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([ArticleDate].self, from: Data(#"["not a date"]"#.utf8))
        }
    }

    @Test func datesCompareAcrossZones() throws {
        let a = try #require(DateParser.parse("2026-03-14T09:00:00+02:00"))  // 07:00Z
        let b = try #require(DateParser.parse("Sat, 14 Mar 2026 03:00:00 EST"))  // 08:00Z
        #expect(a < b)
    }
}
