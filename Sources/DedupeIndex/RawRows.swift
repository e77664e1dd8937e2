import GRDB
import GRDBSQLite

/// A row of a query, read straight through SQLite's C interface: for the few tables a nightly run reads
/// whole (every file's status, every article's keys, every term's frequency), where a GRDB `Row` per row
/// cost several times what SQLite took to produce it.
///
/// Blobs and text are only valid inside the body that received the row.
struct RawRow {
    fileprivate let statement: SQLiteStatement

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }

    func double(_ column: Int32) -> Double { sqlite3_column_double(statement, column) }

    /// The column as text, or nil when it is NULL.
    func text(_ column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(statement, column) else { return nil }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement, column))), as: UTF8.self)
    }

    /// The column as an integer, or nil when it is NULL.
    func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }

    /// The column's bytes (empty for NULL or an empty blob), valid until the body returns.
    func blob(_ column: Int32) -> UnsafeRawBufferPointer {
        let base = sqlite3_column_blob(statement, column)
        let count = Int(sqlite3_column_bytes(statement, column))
        return UnsafeRawBufferPointer(start: count > 0 ? base : nil, count: count)
    }
}

extension Database {
    /// Runs `sql` with its integer `arguments` bound in order and calls `body` with each row; a step that
    /// fails throws GRDB's `DatabaseError`, as any other query would. The statement is cached, so a query
    /// run once per article is compiled once.
    func forEachRawRow(_ sql: String, arguments: [Int64] = [], _ body: (RawRow) throws -> Void) throws {
        let statement = try cachedStatement(sql: sql)
        let raw = statement.sqliteStatement
        sqlite3_reset(raw)
        defer { sqlite3_reset(raw) }
        for (i, argument) in arguments.enumerated() { sqlite3_bind_int64(raw, Int32(i + 1), argument) }
        while true {
            let code = sqlite3_step(raw)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: lastErrorMessage, sql: sql)
            }
            try body(RawRow(statement: raw))
        }
    }

    /// Runs `sql`, a statement with two integer parameters, once for each pair of `rows`: for the bulk
    /// writes of a run (a night's document-frequency updates are tens of thousands of upserts).
    func executeRaw(_ sql: String, forEach rows: [(Int64, Int64)]) throws {
        let statement = try cachedStatement(sql: sql)
        let raw = statement.sqliteStatement
        for (a, b) in rows {
            sqlite3_reset(raw)
            sqlite3_bind_int64(raw, 1, a)
            sqlite3_bind_int64(raw, 2, b)
            let code = sqlite3_step(raw)
            guard code == SQLITE_DONE else {
                let message = lastErrorMessage
                sqlite3_reset(raw)
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
            }
        }
        sqlite3_reset(raw)
    }
}
