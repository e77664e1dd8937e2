import CLibXML2

/// An HTML (or XHTML) document as plain Swift values: every element and text node in one array, parents
/// and children as indices.
///
/// libxml2 parses (it repairs real-world HTML the way browsers roughly do); the tree is copied out at once
/// and the C document freed, so the extraction heuristics work on `Sendable` values, can be tested
/// without C pointers, and nothing can outlive libxml2's memory. Comments, processing instructions and
/// doctype nodes are not copied: they are never article text.
struct HTMLTree: Sendable {
    struct Node: Sendable {
        /// Lower-case local element name; empty for a text node.
        var name: String
        /// Attributes with lower-case names.
        var attributes: [String: String]
        /// A text node's text (entities decoded); empty for an element.
        var text: String
        var parent: Int?
        var children: [Int]

        var isText: Bool { name.isEmpty }
        func attribute(_ name: String) -> String? { attributes[name] }
    }

    var nodes: [Node] = []
    /// Index of the root element (`html` for a page).
    var root: Int? { nodes.isEmpty ? nil : 0 }

    subscript(_ index: Int) -> Node { nodes[index] }

    /// Parses an HTML page or fragment. The text is already decoded (see ``DeclaredCharset``), so libxml2 is
    /// told it is UTF-8 and to ignore the page's own charset hint. Nil when libxml2 builds no tree (empty input).
    static func parseHTML(_ text: String) -> HTMLTree? {
        LibXML2.initialize()
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)
        let document: htmlDocPtr? = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                htmlReadMemory($0, Int32(buffer.count), nil, "UTF-8", options)
            }
        }
        guard let document else { return nil }
        defer { xmlFreeDoc(document) }
        guard let rootElement = xmlDocGetRootElement(document) else { return nil }
        var tree = HTMLTree()
        tree.append(rootElement, parent: nil)
        return tree
    }

    /// Copies a libxml2 node (an element of an HTML page, or the XHTML content of an Atom entry) and its
    /// subtree.
    static func from(_ node: xmlNodePtr) -> HTMLTree {
        var tree = HTMLTree()
        tree.append(node, parent: nil)
        return tree
    }

    /// A tree holding nothing but one text node (plain-text feed content).
    static func text(_ text: String) -> HTMLTree {
        HTMLTree(nodes: [Node(name: "", attributes: [:], text: text, parent: nil, children: [])])
    }

    @discardableResult
    private mutating func append(_ node: xmlNodePtr, parent: Int?) -> Int? {
        let index = nodes.count
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            guard let content = node.pointee.content else { return nil }
            nodes.append(Node(name: "", attributes: [:], text: String(cString: content), parent: parent, children: []))
        case XML_ELEMENT_NODE:
            let name = node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
            var attributes: [String: String] = [:]
            var attribute = node.pointee.properties
            while let a = attribute {
                if let attributeName = a.pointee.name {
                    var value = ""
                    var child = a.pointee.children
                    while let c = child {
                        if let content = c.pointee.content { value += String(cString: content) }
                        child = c.pointee.next
                    }
                    attributes[String(cString: attributeName).lowercased()] = value
                }
                attribute = a.pointee.next
            }
            nodes.append(Node(name: name, attributes: attributes, text: "", parent: parent, children: []))
            var child = node.pointee.children
            var children: [Int] = []
            while let c = child {
                if let added = append(c, parent: index) { children.append(added) }
                child = c.pointee.next
            }
            nodes[index].children = children
        case XML_ENTITY_REF_NODE:
            // An entity the document defines itself: its replacement text, as a text node.
            guard let content = xmlNodeGetContent(node) else { return nil }
            defer { LibXML2.free(content) }
            nodes.append(Node(name: "", attributes: [:], text: String(cString: content), parent: parent, children: []))
        default:
            return nil  // comments, processing instructions, doctype
        }
        return index
    }

    // MARK: Queries

    /// Indices of the elements named `name` (lower-case), in document order.
    func elements(named name: String) -> [Int] {
        nodes.indices.filter { nodes[$0].name == name }
    }

    /// The first `name` element below `index` (depth first), or nil.
    func firstDescendant(of index: Int, named name: String) -> Int? {
        for child in nodes[index].children {
            if nodes[child].name == name { return child }
            if let found = firstDescendant(of: child, named: name) { return found }
        }
        return nil
    }

    /// All text below `index`, whitespace collapsed to single spaces.
    func collapsedText(of index: Int) -> String {
        var out = ""
        func visit(_ i: Int) {
            let node = nodes[i]
            if node.isText { out += node.text } else { node.children.forEach(visit) }
        }
        visit(index)
        return Self.collapseWhitespace(out)
    }

    static func collapseWhitespace(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Whether `index` has `ancestor` above it.
    func isDescendant(_ index: Int, of ancestor: Int) -> Bool {
        var current = nodes[index].parent
        while let c = current {
            if c == ancestor { return true }
            current = nodes[c].parent
        }
        return false
    }
}

/// libxml2's global set-up, done once before any thread parses: its documentation asks for
/// `xmlInitParser()` before the library is used from several threads.
enum LibXML2 {
    private static let initialized: Void = { xmlInitParser() }()
    static func initialize() { _ = initialized }

    /// Frees a string libxml2 allocated. `xmlFree` is a macro over `__xmlFree()` in Debian's thread-aware build.
    static func free(_ pointer: UnsafeMutablePointer<xmlChar>) {
        dedupe_xmlFree(pointer)
    }
}
