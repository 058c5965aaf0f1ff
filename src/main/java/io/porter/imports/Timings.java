package io.porter.imports;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where an import's time goes, stage by stage, for the benchmark and the logs. Stages that run on several threads at
 * once (the chunks of an import) add up the time of each thread.
 */
public final class Timings {

    private final Map<String, Long> nanos = new LinkedHashMap<>();

    /** Adds the time from {@code startedNanos} (a {@link System#nanoTime()}) until now to a stage. */
    public void add(String stage, long startedNanos) {
        addNanos(stage, System.nanoTime() - startedNanos);
    }

    public synchronized void addNanos(String stage, long elapsedNanos) {
        nanos.merge(stage, elapsedNanos, Long::sum);
    }

    public synchronized Map<String, Double> seconds() {
        Map<String, Double> out = new LinkedHashMap<>();
        nanos.forEach((k, v) -> out.put(k, v / 1e9));
        return out;
    }

    public static Timings none() {
        return new Timings();
    }
}
