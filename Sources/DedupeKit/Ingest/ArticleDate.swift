/// A publication time, kept as seconds since 1970-01-01T00:00:00Z so dates from any zone compare directly.
///
/// A date without a time of day is midnight UTC; ``hasTime`` remembers which it was, so the report can
/// print it back the way it came.
public struct ArticleDate: Sendable, Equatable, Hashable, Comparable, Codable {
    public var secondsSince1970: Int64
    public var hasTime: Bool

    public init(secondsSince1970: Int64, hasTime: Bool) {
        self.secondsSince1970 = secondsSince1970
        self.hasTime = hasTime
    }

    public static func < (lhs: ArticleDate, rhs: ArticleDate) -> Bool {
        lhs.secondsSince1970 < rhs.secondsSince1970
    }

    /// ISO 8601 in UTC: `2026-03-14` for a date, `2026-03-14T08:30:00Z` for a date-time.
    public var iso8601: String {
        let days = Int64((Double(secondsSince1970) / 86_400).rounded(.down))
        let (y, m, d) = CivilCalendar.civil(fromDays: days)
        let date = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
        guard hasTime else { return date }
        let secs = secondsSince1970 - days * 86_400
        return date + "T\(pad(Int(secs / 3600), 2)):\(pad(Int(secs / 60 % 60), 2)):\(pad(Int(secs % 60), 2))Z"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = DateParser.parse(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a date: \(text)")
        }
        self = date
    }

    private func pad(_ value: some BinaryInteger, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

/// Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01), after the algorithms
/// in Howard Hinnant's "chrono-compatible low-level date algorithms". No Foundation calendar, no time zone database.
enum CivilCalendar {
    static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64((month + 9) % 12)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int64) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d))
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
