package io.porter.cli;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The most heap a command used: the heap is fullest just before a collection, so every collection reports its
 * before-size; also the most that stayed live after one (what the work really holds on to).
 */
final class HeapWatch implements AutoCloseable {

    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakLive = new AtomicLong();
    private final List<Runnable> removals = new ArrayList<>();

    HeapWatch() {
        NotificationListener listener = (notification, handback) -> {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
            peakUsed.accumulateAndGet(heap(info.getMemoryUsageBeforeGc()), Math::max);
            peakLive.accumulateAndGet(heap(info.getMemoryUsageAfterGc()), Math::max);
        };
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                removals.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (ListenerNotFoundException ignored) {
                        // gone already
                    }
                });
            }
        }
    }

    private static long heap(Map<String, MemoryUsage> pools) {
        long sum = 0;
        for (var p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == java.lang.management.MemoryType.HEAP && pools.containsKey(p.getName())) {
                sum += pools.get(p.getName()).getUsed();
            }
        }
        return sum;
    }

    /** Peak heap used (MB), peak live after a collection (MB), and the heap's maximum (MB). */
    String report() {
        long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long max = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        return String.format("peak heap used: %d MB (live after GC at most %d MB; max heap %d MB)",
                Math.max(peakUsed.get(), now) >> 20, peakLive.get() >> 20, max >> 20);
    }

    @Override
    public void close() {
        removals.forEach(Runnable::run);
    }
}
