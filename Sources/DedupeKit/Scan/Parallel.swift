import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Runs `body` for `0..<count` on all cores and returns the results in index order, so a parallel run
/// gives exactly what a one-thread run gives. Work is handed out in small chunks from a shared counter,
/// so one slow file does not hold up a whole core's share. Each worker gets its own `State` (a tokenizer
/// with its cache, for example) from `makeState`.
public func parallelMap<State, T: Sendable>(
    _ count: Int, workers: Int, chunk: Int = 16, makeState: @Sendable () -> State, _ body: @Sendable (inout State, Int) -> T
) -> [T] {
    parallelMapKeepingStates(count, workers: workers, chunk: chunk, makeState: makeState, body).results
}

/// ``parallelMap(_:workers:chunk:makeState:_:)`` that also returns each worker's final state, for work that
/// accumulates something on the side (a scan counts term frequencies while it fingerprints). Which indices
/// a worker saw depends on timing, so callers combine the states with an order-independent operation.
public func parallelMapKeepingStates<State, T: Sendable>(
    _ count: Int, workers: Int, chunk: Int = 16, makeState: @Sendable () -> State, _ body: @Sendable (inout State, Int) -> T
) -> (results: [T], states: [State]) {
    guard count > 0 else { return ([], []) }
    let slots = ResultSlots<T>(count: count)
    let workers = max(1, min(workers, (count + chunk - 1) / chunk))
    if workers == 1 {
        var state = makeState()
        for i in 0..<count { slots.store(body(&state, i), at: i) }
        return (slots.collect(), [state])
    }
    let next = Atomic<Int>(0)
    let states = ResultSlots<State>(count: workers)
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
        var state = makeState()
        while true {
            let start = next.add(chunk, ordering: .relaxed).oldValue
            if start >= count { break }
            for i in start..<min(start + chunk, count) { slots.store(body(&state, i), at: i) }
        }
        states.store(state, at: worker)
    }
    return (slots.collect(), states.collect())
}

/// Runs two independent pieces of work at the same time (one after the other with a single worker) and
/// returns both results: for a run's single-threaded preliminaries, such as listing a feed while the index
/// is read.
public func concurrently<A: Sendable, B: Sendable>(workers: Int, _ a: @Sendable () -> A, _ b: @Sendable () -> B) -> (A, B) {
    guard workers > 1 else { return (a(), b()) }
    let first = ResultSlots<A>(count: 1), second = ResultSlots<B>(count: 1)
    DispatchQueue.concurrentPerform(iterations: 2) { i in
        if i == 0 { first.store(a(), at: 0) } else { second.store(b(), at: 0) }
    }
    return (first.collect()[0], second.collect()[0])
}

/// The number of workers a scan uses by default: one per core.
public var defaultWorkerCount: Int { max(1, System.activeProcessorCount) }

enum System {
    static var activeProcessorCount: Int {
        #if canImport(Glibc)
        return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        return 1
        #endif
    }
}

/// Write-once result slots, one per index; each index is written by exactly one worker.
private final class ResultSlots<T>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<T?>
    private let count: Int

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil, count: count)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    func store(_ value: T, at index: Int) { storage[index] = value }

    func collect() -> [T] { (0..<count).map { storage[$0]! } }
}
