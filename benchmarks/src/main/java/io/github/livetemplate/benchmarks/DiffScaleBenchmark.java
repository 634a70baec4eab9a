package io.github.livetemplate.benchmarks;

import io.github.livetemplate.runtime.Utf8Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of a one-row change as the list grows (10 to 100,000 keyed rows): the diff visits every
 * row (same row objects are skipped by identity) and writes one {@code u} operation, so its size is
 * flat and its time grows only with the identity scan.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DiffScaleBenchmark {
    @Param({"10", "100", "1000", "10000", "100000"})
    public int rows;

    private ListPageRenderer renderer;
    private ListPage before;
    private ListPage after;
    private Utf8Buffer buffer;

    @Setup
    public void setup() {
        renderer = new ListPageRenderer();
        before = Fixtures.listPage(rows);
        List<ListPage.Row> changed = new ArrayList<>(before.rows());
        int middle = rows / 2;
        ListPage.Row r = changed.get(middle);
        changed.set(middle, new ListPage.Row(r.id(), "Row number " + middle + ", edited", true));
        after = new ListPage(before.title(), before.version(), List.copyOf(changed));
        buffer = new Utf8Buffer(4096);
    }

    /** One changed row in the middle of the list. */
    @Benchmark
    public int oneRowChanged() {
        Utf8Buffer out = buffer;
        out.reset();
        renderer.writeDiff(before, after, out);
        return out.length();
    }
}
