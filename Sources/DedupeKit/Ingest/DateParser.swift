import Foundation

/// Parses the publication dates feeds carry: ISO 8601 dates and date-times, and RFC 2822 dates (RSS, e-mail).
///
/// Anything else is `nil`, and the caller reports it: a wrong date is worse than none, because dates decide
/// which article is the original.
public enum DateParser {
    public static func parse(_ raw: String) -> ArticleDate? {
        let text = String(raw.trimmedWhitespace())
        guard !text.isEmpty else { return nil }
        if let first = text.utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9"),
           let date = parseISO8601(Array(text.utf8)) {
            return date
        }
        return parseRFC2822(text)
    }

    // MARK: ISO 8601

    /// `YYYY-MM-DD`, optionally followed by `T` or a space, `HH:MM[:SS[.fraction]]` and `Z`, `±HH:MM` or `±HHMM`.
    /// A date-time without a zone is taken as UTC.
    static func parseISO8601(_ s: [UInt8]) -> ArticleDate? {
        var i = 0
        func number(_ width: Int) -> Int? {
            guard i + width <= s.count else { return nil }
            var v = 0
            for k in i..<(i + width) {
                let c = s[k]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            i += width
            return v
        }
        func expect(_ c: Character) -> Bool {
            guard i < s.count, s[i] == c.asciiValue! else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
              (1...12).contains(month), day >= 1, day <= CivilCalendar.daysInMonth(year: year, month: month)
        else { return nil }
        let days = CivilCalendar.days(year: year, month: month, day: day)
        if i == s.count { return ArticleDate(secondsSince1970: days * 86_400, hasTime: false) }
        guard s[i] == UInt8(ascii: "T") || s[i] == UInt8(ascii: " ") || s[i] == UInt8(ascii: "t") else { return nil }
        i += 1
        guard let hour = number(2), expect(":"), let minute = number(2), hour < 24, minute < 60 else { return nil }
        var second = 0
        if expect(":") {
            guard let sec = number(2), sec <= 60 else { return nil }
            second = min(sec, 59)
            if expect(".") || expect(",") {
                while i < s.count, s[i] >= 48, s[i] <= 57 { i += 1 }
            }
        }
        var offset = 0
        if i < s.count {
            if s[i] == UInt8(ascii: "Z") || s[i] == UInt8(ascii: "z") {
                i += 1
            } else if s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
                let sign = s[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                guard let oh = number(2) else { return nil }
                _ = expect(":")
                let om = number(2) ?? 0
                guard oh < 24, om < 60 else { return nil }
                offset = sign * (oh * 3600 + om * 60)
            }
        }
        guard i == s.count else { return nil }
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second - offset)
        return ArticleDate(secondsSince1970: seconds, hasTime: true)
    }

    // MARK: RFC 2822

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0,
        "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7,
    ]

    /// `[Www, ]DD Mmm YYYY HH:MM[:SS] zone`, as RFC 2822 section 3.3 writes it (two-digit years accepted as
    /// the obsolete syntax allows). A missing time is midnight; a missing zone is UTC.
    static func parseRFC2822(_ text: String) -> ArticleDate? {
        var fields = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if let first = fields.first, first.hasSuffix(",") || (first.count == 3 && Int(first) == nil && !months.contains(first)) {
            fields.removeFirst()
        }
        guard fields.count >= 3, let day = Int(fields[0]),
              let monthIndex = months.firstIndex(of: String(fields[1].prefix(3))),
              var year = Int(fields[2]) else { return nil }
        if fields[2].count == 2 { year += year < 50 ? 2000 : 1900 }
        let month = monthIndex + 1
        guard day >= 1, day <= CivilCalendar.daysInMonth(year: year, month: month) else { return nil }
        var seconds = CivilCalendar.days(year: year, month: month, day: day) * 86_400
        guard fields.count > 3 else { return ArticleDate(secondsSince1970: seconds, hasTime: false) }
        let clock = fields[3].split(separator: ":").map { Int($0) }
        guard clock.count >= 2, clock.count <= 3, !clock.contains(where: { $0 == nil }) else { return nil }
        let h = clock[0]!, m = clock[1]!, sec = clock.count == 3 ? clock[2]! : 0
        guard h < 24, m < 60, sec <= 60 else { return nil }
        seconds += Int64(h * 3600 + m * 60 + min(sec, 59))
        if fields.count > 4 {
            let zone = fields[4]
            if let hours = zones[zone] {
                seconds -= Int64(hours * 3600)
            } else if zone.count == 5, let sign = zone.first, sign == "+" || sign == "-",
                      let value = Int(zone.dropFirst()) {
                let off = (value / 100) * 3600 + (value % 100) * 60
                seconds -= Int64(sign == "-" ? -off : off)
            } else {
                return nil
            }
            guard fields.count <= 6 else { return nil }  // allow a trailing comment such as "(UTC)"
        }
        return ArticleDate(secondsSince1970: seconds, hasTime: true)
    }
}
