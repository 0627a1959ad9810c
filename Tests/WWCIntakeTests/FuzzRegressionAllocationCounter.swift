import CLibXML2
import Foundation
import Synchronization

/// Counts libxml2's heap blocks allocated and not freed on one thread while a closure runs,
/// through `xmlMemSetup` hooks that call the C allocator (so blocks may cross the swap).
enum LibXMLAllocationCounter {
    private static let watchedThread = Atomic<UInt>(0)
    private static let live = Atomic<Int>(0)
    private static let lock = Mutex(())

    private static func counts() -> Bool { watchedThread.load(ordering: .relaxed) == UInt(bitPattern: Int(bitPattern: UInt(pthread_self()))) }

    private static let countingMalloc: xmlMallocFunc = { size in
        if LibXMLAllocationCounter.counts() { LibXMLAllocationCounter.live.add(1, ordering: .relaxed) }
        return malloc(size)
    }
    private static let countingRealloc: xmlReallocFunc = { pointer, size in
        if pointer == nil, LibXMLAllocationCounter.counts() { LibXMLAllocationCounter.live.add(1, ordering: .relaxed) }
        return realloc(pointer, size)
    }
    private static let countingFree: xmlFreeFunc = { pointer in
        if pointer != nil, LibXMLAllocationCounter.counts() { LibXMLAllocationCounter.live.subtract(1, ordering: .relaxed) }
        free(pointer)
    }
    private static let countingStrdup: xmlStrdupFunc = { string in
        if LibXMLAllocationCounter.counts() { LibXMLAllocationCounter.live.add(1, ordering: .relaxed) }
        return strdup(string!)
    }

    /// Blocks libxml2 allocated on the calling thread during `body` and did not free.
    static func liveBlocks(_ body: () -> Void) -> Int {
        lock.withLock { _ in
            var free: xmlFreeFunc?
            var malloc: xmlMallocFunc?
            var realloc: xmlReallocFunc?
            var strdup: xmlStrdupFunc?
            xmlMemGet(&free, &malloc, &realloc, &strdup)
            xmlMemSetup(countingFree, countingMalloc, countingRealloc, countingStrdup)
            live.store(0, ordering: .relaxed)
            watchedThread.store(UInt(bitPattern: Int(bitPattern: UInt(pthread_self()))), ordering: .relaxed)
            body()
            watchedThread.store(0, ordering: .relaxed)
            xmlMemSetup(free, malloc, realloc, strdup)
            return live.load(ordering: .relaxed)
        }
    }
}
