import DedupeKit
import Foundation
import Testing

/// Schema/report.schema.json against real reports, and the test's validator against known-bad documents.
@Suite("Report schema")
struct ReportSchemaTests {
    private func validator() throws -> JSONSchemaValidator {
        let data = try Data(contentsOf: TestSupport.schemaFile)
        return JSONSchemaValidator(schema: try JSONValue.parse(data))
    }

    private func reportJSON(scanning paths: [String], workers: Int = 2) throws -> JSONValue {
        let result = DedupeKit.Scanner(configuration: ScanConfiguration(workers: workers)).scan(paths)
        return try JSONValue.parse(ReportRenderer.render(ReportBuilder.report(from: result), as: .json))
    }

    // MARK: The schema itself

    @Test func schemaIsWellFormedAndUsesOnlySupportedKeywords() throws {
        let v = try validator()
        #expect(v.root["$schema"] == .string("https://json-schema.org/draft/2020-12/schema"))
        #expect(v.schemaProblems() == [])
        // Every object in the schema says which properties it requires and allows nothing else.
        func objects(_ schema: JSONValue, _ path: String, into out: inout [(String, [String: JSONValue])]) {
            guard case .object(let o) = schema else { return }
            if o["type"] == .string("object"), o["properties"] != nil { out.append((path, o)) }
            for (key, value) in o {
                if case .object(let children) = value, key == "properties" || key == "$defs" {
                    for (name, child) in children { objects(child, "\(path)/\(key)/\(name)", into: &out) }
                } else if key == "items" || key == "additionalProperties" {
                    objects(value, "\(path)/\(key)", into: &out)
                }
            }
        }
        var found: [(String, [String: JSONValue])] = []
        objects(v.root, "#", into: &found)
        #expect(found.count >= 9)
        for (path, object) in found {
            #expect(object["required"] != nil, "\(path) lists no required properties")
            #expect(object["additionalProperties"] == .bool(false), "\(path) allows undeclared properties")
            if case .array(let required)? = object["required"], case .object(let properties)? = object["properties"] {
                for case .string(let name) in required {
                    #expect(properties[name] != nil, "\(path) requires undeclared \(name)")
                }
            }
        }
    }

    @Test func relationEnumMatchesTheSwiftType() throws {
        let v = try validator()
        let relation = try #require(v.resolve("#/$defs/relation"))
        #expect(relation["enum"] == .array(Relation.allCases.map { .string($0.rawValue) }))
        #expect(v.resolve("#/$defs/problem")?["properties"]?["severity"]?["enum"] == .array([.string("error"), .string("warning")]))
        #expect(v.resolve("#/$defs/date")?["type"] == .string("string"))
    }

    // MARK: Real reports

    @Test func samplesReportIsValid() throws {
        let v = try validator()
        let report = try reportJSON(scanning: [TestSupport.samplesFeed.path])
        #expect(v.validate(report) == [])
    }

    @Test func tempFeedReportIsValid() throws {
        let v = try validator()
        try TestSupport.withTemporaryDirectory { root in
            try TestFeeds.writeCopyFeed(in: root)
            try TestFeeds.writeSuspectedRewrite(in: root)
            let report = try reportJSON(scanning: [root.path])
            #expect(v.validate(report) == [])
            if case .array(let suspected)? = report["suspectedRewrites"] { #expect(!suspected.isEmpty) } else { Issue.record("no suspectedRewrites list") }
            // The feed produced every kind of entry, so the validation covered them.
            if case .array(let unsupported)? = report["unsupported"] { #expect(!unsupported.isEmpty) } else { Issue.record("no unsupported list") }
        }
    }

    @Test func emptyScanReportIsValid() throws {
        let v = try validator()
        try TestSupport.withTemporaryDirectory { root in
            let empty = try reportJSON(scanning: [root.path])
            let missing = try reportJSON(scanning: [root.appendingPathComponent("missing").path])
            #expect(v.validate(empty) == [])
            #expect(v.validate(missing) == [])
        }
    }

    @Test func schemaDescribesExactlyTheFieldsReportsHave() throws {
        // Every property the schema declares turns up in a real report (so the schema has no invented fields),
        // and with additionalProperties false everywhere the reports have no undeclared ones.
        let v = try validator()
        var seen = Set<String>()
        #expect(v.validate(try reportJSON(scanning: [TestSupport.samplesFeed.path]), seen: &seen) == [])
        try TestSupport.withTemporaryDirectory { root in
            try TestFeeds.writeCopyFeed(in: root)
            try TestFeeds.writeSuspectedRewrite(in: root)
            let report = try reportJSON(scanning: [root.path])
            #expect(v.validate(report, seen: &seen) == [])
        }
        let missing = v.declaredProperties().subtracting(seen)
        #expect(missing.isEmpty, "declared but never written: \(missing.sorted())")
    }

    @Test func reportDatesAreISOStringsDedupeReads() throws {
        let report = try reportJSON(scanning: [TestSupport.samplesFeed.path])
        guard case .array(let clusters)? = report["clusters"] else {
            Issue.record("no clusters")
            return
        }
        var dates: [String] = []
        for cluster in clusters {
            if case .string(let d)? = cluster["original"]?["date"] { dates.append(d) }
            if case .array(let members)? = cluster["members"] {
                for m in members { if case .string(let d)? = m["date"] { dates.append(d) } }
            }
        }
        // The three clusters' originals and members carry at least the seven dated copies Samples/README.md lists.
        #expect(dates.count >= 7)
        for d in dates {
            let parsed = try #require(DateParser.parse(d), "\(d)")
            #expect(parsed.iso8601 == d)
            #expect(d.count == 10 || (d.count == 20 && d.hasSuffix("Z")))
        }
    }

    // MARK: The validator rejects what it should

    private func mutate(_ value: JSONValue, _ path: [String], _ change: (inout JSONValue?) -> Void) -> JSONValue {
        guard let first = path.first else {
            var v: JSONValue? = value
            change(&v)
            return v ?? .null
        }
        switch value {
        case .object(var o):
            if path.count == 1 {
                var child = o[first]
                change(&child)
                o[first] = child
            } else if let child = o[first] {
                o[first] = mutate(child, Array(path.dropFirst()), change)
            }
            return .object(o)
        case .array(var a):
            if let i = Int(first), a.indices.contains(i) {
                if path.count == 1 {
                    var child: JSONValue? = a[i]
                    change(&child)
                    a[i] = child ?? .null
                } else {
                    a[i] = mutate(a[i], Array(path.dropFirst()), change)
                }
            }
            return .array(a)
        default:
            return value
        }
    }

    @Test(arguments: [
        (["summary"], "remove"),
        (["schemaVersion"], "string"),
        (["schemaVersion"], "two"),
        (["tool", "name"], "remove"),
        (["parameters", "threshold"], "big"),
        (["parameters", "sCurve", "0.5"], "string"),
        (["summary", "files"], "negative"),
        (["summary", "articles"], "fraction"),
        (["summary", "surprise"], "add"),
        (["clusters", "0", "members", "0", "relation"], "copy"),
        (["clusters", "0", "members", "0", "scores"], "remove"),
        (["clusters", "0", "members", "0", "scores", "jaccard"], "big"),
        (["clusters", "0", "members", "0", "date"], "null"),
        (["clusters", "0", "members", "0", "extra"], "add"),
        (["clusters", "0", "original", "path"], "remove"),
        (["clusters", "0", "source"], "number"),
        (["clusters", "0", "members"], "object"),
        (["errors", "0", "line"], "zero"),
        (["errors", "0", "severity"], "fatal"),
        (["errors", "0", "articleRead"], "string"),
        (["warnings", "0", "reason"], "remove"),
        (["clusters"], "null"),
    ])
    func validatorRejectsBrokenReports(_ path: [String], _ change: String) throws {
        let v = try validator()
        let report = try reportJSON(scanning: [TestSupport.samplesFeed.path])
        #expect(v.validate(report) == [])
        let broken = mutate(report, path) { value in
            switch change {
            case "remove": value = nil
            case "string": value = .string("1")
            case "two": value = .number(2)
            case "big": value = .number(1.5)
            case "negative": value = .number(-1)
            case "fraction": value = .number(2.5)
            case "add": value = .string("unexpected")
            case "copy": value = .string("copy")
            case "null": value = .null
            case "number": value = .number(3)
            case "object": value = .object([:])
            case "zero": value = .number(0)
            case "fatal": value = .string("fatal")
            default: Issue.record("unknown change \(change)")
            }
        }
        #expect(broken != report, "mutation \(change) at \(path) changed nothing")
        let errors = v.validate(broken)
        #expect(!errors.isEmpty, "\(change) at \(path) was accepted")
    }

    @Test func validatorBasics() throws {
        let schema = try JSONValue.parse(Data(#"""
            {"type": "object", "required": ["n"], "additionalProperties": false,
             "properties": {"n": {"$ref": "#/$defs/small"}, "tags": {"type": "array", "items": {"type": "string"}},
                            "kind": {"enum": ["a", "b"]}, "flag": {"type": "boolean"}, "x": {"type": ["string", "null"]}},
             "$defs": {"small": {"type": "integer", "minimum": 1, "maximum": 3}}}
            """#.utf8))
        let v = JSONSchemaValidator(schema: schema)
        #expect(v.schemaProblems() == [])
        func check(_ json: String) throws -> [String] { v.validate(try JSONValue.parse(Data(json.utf8))) }
        #expect(try check(#"{"n": 2}"#) == [])
        #expect(try check(#"{"n": 2.0, "tags": ["a", "b"], "kind": "b", "flag": false, "x": null}"#) == [])
        #expect(try check(#"{"n": 2, "x": "s"}"#) == [])
        #expect(try check(#"{}"#).count == 1)
        #expect(try check(#"{"n": 0}"#).count == 1)
        #expect(try check(#"{"n": 4}"#).count == 1)
        #expect(try check(#"{"n": 2.5}"#).count == 1)
        #expect(try check(#"{"n": true}"#).count == 1)
        #expect(try check(#"{"n": "2"}"#).count == 1)
        #expect(try check(#"{"n": 2, "tags": ["a", 1]}"#).count == 1)
        #expect(try check(#"{"n": 2, "kind": "c"}"#).count == 1)
        #expect(try check(#"{"n": 2, "flag": 0}"#).count == 1)
        #expect(try check(#"{"n": 2, "x": 1}"#).count == 1)
        #expect(try check(#"{"n": 2, "other": 1}"#).count == 1)
        #expect(try check(#"[]"#).count == 1)
        #expect(JSONSchemaValidator(schema: try JSONValue.parse(Data(#"{"pattern": "a+"}"#.utf8))).schemaProblems().count == 1)
        #expect(JSONSchemaValidator(schema: try JSONValue.parse(Data(##"{"$ref": "#/$defs/nope"}"##.utf8))).schemaProblems().count == 1)
        #expect(try JSONValue.parse(Data("[true, 1, 1.5, \"s\", null]".utf8)) == .array([.bool(true), .number(1), .number(1.5), .string("s"), .null]))
    }
}
