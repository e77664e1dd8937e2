import Foundation

/// A JSON document as a value, decoded so that booleans, integers and other numbers stay apart.
indirect enum JSONValue: Equatable, Decodable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let b = try? container.decode(Bool.self) {
            self = .bool(b)
        } else if let n = try? container.decode(Double.self) {
            self = .number(n)
        } else if let s = try? container.decode(String.self) {
            self = .string(s)
        } else if let a = try? container.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    static func parse(_ data: Data) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: data)
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let b): "\(b)"
        case .number(let n): "\(n)"
        case .string(let s): "\"\(s)\""
        case .array(let a): "[\(a.map(\.description).joined(separator: ", "))]"
        case .object(let o): "{\(o.keys.sorted().map { "\"\($0)\": \(o[$0]!)" }.joined(separator: ", "))}"
        }
    }

    /// The JSON Schema type names this value has ("integer" values are also "number").
    var schemaTypes: Set<String> {
        switch self {
        case .null: ["null"]
        case .bool: ["boolean"]
        case .number(let n): n.isFinite && n.rounded() == n ? ["number", "integer"] : ["number"]
        case .string: ["string"]
        case .array: ["array"]
        case .object: ["object"]
        }
    }
}

/// A small JSON Schema (draft 2020-12) validator for the keywords dedupe's report schema uses:
/// `type`, `properties`, `required`, `items`, `enum`, `additionalProperties`, `minimum`, `maximum` and
/// `$ref` to `#/$defs/...`. Annotation keywords (`$schema`, `$id`, `title`, `description`, `$comment`) are
/// accepted and ignored. Any other keyword is reported as an error, so the schema cannot silently use a
/// keyword this validator does not check.
struct JSONSchemaValidator {
    let root: JSONValue

    static let validationKeywords: Set<String> = [
        "type", "properties", "required", "items", "enum", "additionalProperties", "minimum", "maximum", "$ref",
    ]
    static let annotationKeywords: Set<String> = ["$schema", "$id", "title", "description", "$comment", "$defs"]

    init(schema: JSONValue) {
        root = schema
    }

    /// Every way `instance` breaks the schema, as "path: message"; empty when it is valid.
    func validate(_ instance: JSONValue) -> [String] {
        var seen = Set<String>()
        return validate(instance, seen: &seen)
    }

    /// Validates, and adds to `seen` the schema location of every declared property the instance has
    /// (`#/properties/summary`, `#/$defs/member/properties/title`, ...).
    func validate(_ instance: JSONValue, seen: inout Set<String>) -> [String] {
        var errors: [String] = []
        check(instance, against: root, schemaPath: "#", at: "$", errors: &errors, seen: &seen, depth: 0)
        return errors
    }

    /// The schema location of every property the schema declares.
    func declaredProperties() -> Set<String> {
        var out = Set<String>()
        func walk(_ schema: JSONValue, _ path: String) {
            guard case .object(let o) = schema else { return }
            if case .object(let props)? = o["properties"] {
                for (k, v) in props {
                    out.insert("\(path)/properties/\(k)")
                    walk(v, "\(path)/properties/\(k)")
                }
            }
            if case .object(let defs)? = o["$defs"] { for (k, v) in defs { walk(v, "\(path)/$defs/\(k)") } }
            if let items = o["items"] { walk(items, "\(path)/items") }
            if let additional = o["additionalProperties"] { walk(additional, "\(path)/additionalProperties") }
        }
        walk(root, "#")
        return out
    }

    /// Errors in the schema itself: unknown keywords and unresolvable references, anywhere in it.
    func schemaProblems() -> [String] {
        var problems: [String] = []
        func walk(_ schema: JSONValue, _ path: String) {
            guard case .object(let o) = schema else {
                if case .bool = schema { return }
                problems.append("\(path): a schema must be an object or a boolean")
                return
            }
            for key in o.keys where !Self.validationKeywords.contains(key) && !Self.annotationKeywords.contains(key) {
                problems.append("\(path): unsupported keyword \(key)")
            }
            if case .string(let ref)? = o["$ref"], resolve(ref) == nil { problems.append("\(path): cannot resolve \(ref)") }
            if case .object(let props)? = o["properties"] { for (k, v) in props { walk(v, "\(path)/properties/\(k)") } }
            if case .object(let defs)? = o["$defs"] { for (k, v) in defs { walk(v, "\(path)/$defs/\(k)") } }
            if let items = o["items"] { walk(items, "\(path)/items") }
            if let additional = o["additionalProperties"] { walk(additional, "\(path)/additionalProperties") }
            if let type = o["type"] {
                let names: [JSONValue]
                if case .array(let a) = type { names = a } else { names = [type] }
                let known: Set<String> = ["null", "boolean", "number", "integer", "string", "array", "object"]
                for name in names {
                    guard case .string(let s) = name, known.contains(s) else {
                        problems.append("\(path): bad type \(name)")
                        continue
                    }
                }
            }
            if let required = o["required"] {
                guard case .array(let names) = required, names.allSatisfy({ if case .string = $0 { true } else { false } }) else {
                    problems.append("\(path): required must be an array of strings")
                    return
                }
            }
        }
        walk(root, "#")
        return problems
    }

    /// `#/$defs/name` (or any `#/a/b` JSON pointer into the root schema).
    func resolve(_ ref: String) -> JSONValue? {
        guard ref.hasPrefix("#") else { return nil }
        var node = root
        for token in ref.dropFirst().split(separator: "/", omittingEmptySubsequences: true) {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            guard let next = node[key] else { return nil }
            node = next
        }
        return node
    }

    private func check(
        _ instance: JSONValue, against schema: JSONValue, schemaPath: String, at path: String,
        errors: inout [String], seen: inout Set<String>, depth: Int
    ) {
        guard depth < 64 else {
            errors.append("\(path): schema nesting too deep (a $ref cycle?)")
            return
        }
        switch schema {
        case .bool(true): return
        case .bool(false):
            errors.append("\(path): no value is allowed here")
            return
        case .object: break
        default:
            errors.append("\(path): invalid schema \(schema)")
            return
        }

        if case .string(let ref)? = schema["$ref"] {
            if let target = resolve(ref) {
                check(instance, against: target, schemaPath: ref, at: path, errors: &errors, seen: &seen, depth: depth + 1)
            } else {
                errors.append("\(path): cannot resolve \(ref)")
            }
        }

        if let type = schema["type"] {
            var allowed: [String] = []
            switch type {
            case .string(let s): allowed = [s]
            case .array(let a): allowed = a.compactMap { if case .string(let s) = $0 { s } else { nil } }
            default: errors.append("\(path): invalid type keyword")
            }
            if instance.schemaTypes.isDisjoint(with: allowed) {
                errors.append("\(path): expected \(allowed.joined(separator: " or ")), got \(instance)")
                return  // the other keywords would only repeat the mismatch
            }
        }

        if case .array(let options)? = schema["enum"], !options.contains(where: { Self.equal($0, instance) }) {
            errors.append("\(path): \(instance) is not one of \(options)")
        }

        if case .number(let value) = instance {
            if case .number(let minimum)? = schema["minimum"], value < minimum {
                errors.append("\(path): \(value) is below the minimum \(minimum)")
            }
            if case .number(let maximum)? = schema["maximum"], value > maximum {
                errors.append("\(path): \(value) is above the maximum \(maximum)")
            }
        }

        if case .object(let fields) = instance {
            if case .array(let required)? = schema["required"] {
                for case .string(let name) in required where fields[name] == nil {
                    errors.append("\(path): missing required property \"\(name)\"")
                }
            }
            var properties: [String: JSONValue] = [:]
            if case .object(let p)? = schema["properties"] { properties = p }
            for key in fields.keys.sorted() {
                let value = fields[key]!
                if let propertySchema = properties[key] {
                    seen.insert("\(schemaPath)/properties/\(key)")
                    check(value, against: propertySchema, schemaPath: "\(schemaPath)/properties/\(key)", at: "\(path).\(key)",
                          errors: &errors, seen: &seen, depth: depth + 1)
                } else if let additional = schema["additionalProperties"] {
                    if case .bool(false) = additional {
                        errors.append("\(path): property \"\(key)\" is not allowed")
                    } else {
                        check(value, against: additional, schemaPath: "\(schemaPath)/additionalProperties", at: "\(path).\(key)",
                              errors: &errors, seen: &seen, depth: depth + 1)
                    }
                }
            }
        }

        if case .array(let elements) = instance, let items = schema["items"] {
            for (i, element) in elements.enumerated() {
                check(element, against: items, schemaPath: "\(schemaPath)/items", at: "\(path)[\(i)]",
                      errors: &errors, seen: &seen, depth: depth + 1)
            }
        }
    }

    /// JSON equality as JSON Schema defines it for `enum` (1 and 1.0 are equal; true and 1 are not).
    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        a == b
    }
}
