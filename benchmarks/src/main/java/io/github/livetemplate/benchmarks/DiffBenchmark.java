package io.github.livetemplate.benchmarks;

import io.github.livetemplate.runtime.Utf8Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Diff cost (ours only; jte has no diff): {@code writeDiff} into a reused buffer. Each benchmark
 * diffs one fixed pair of states built in {@link #setup()}; the JSON sizes are printed there and by
 * {@link DiffSizes}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DiffBenchmark {

    /** The pairs, shared with {@link DiffSizes}. */
    static final class Pairs {
        final TodoPage todo = Fixtures.todoPage();

        /** Equal to {@link #todo}, a different record instance with the same component objects. */
        final TodoPage todoEqual =
                new TodoPage(
                        todo.title(),
                        todo.remaining(),
                        todo.completed(),
                        todo.total(),
                        todo.todos(),
                        todo.updatedAt(),
                        todo.user());

        /** {@link #todo} with one text field changed. */
        final TodoPage todoOneField =
                new TodoPage(
                        todo.title(),
                        todo.remaining(),
                        todo.completed(),
                        todo.total(),
                        todo.todos(),
                        "2026-03-14 09:31:00",
                        todo.user());

        final ListPage list = Fixtures.listPage(1000);

        /** Same rows (same row objects) in a new list instance. */
        final ListPage listCopied =
                new ListPage(
                        list.title(), list.version(), List.copyOf(new ArrayList<>(list.rows())));

        /** Row 500 of 1,000 has a new label. */
        final ListPage listOneRow;

        /** A new row inserted at index 500 (1,001 rows). */
        final ListPage listInserted;

        Pairs() {
            List<ListPage.Row> rows = new ArrayList<>(list.rows());
            ListPage.Row r = rows.get(500);
            rows.set(500, new ListPage.Row(r.id(), "Row number 500, edited", r.selected()));
            listOneRow = new ListPage(list.title(), list.version(), List.copyOf(rows));
            rows = new ArrayList<>(list.rows());
            rows.add(500, new ListPage.Row("n1", "A new row in the middle", false));
            listInserted = new ListPage(list.title(), list.version(), List.copyOf(rows));
        }
    }

    private Pairs p;
    private TodoPageRenderer todos;
    private ListPageRenderer lists;
    private Utf8Buffer buffer;

    @Setup
    public void setup() {
        p = new Pairs();
        todos = new TodoPageRenderer();
        lists = new ListPageRenderer();
        buffer = new Utf8Buffer(64 * 1024);
        DiffSizes.print(p, System.out);
    }

    /** No change, the identical instance: {@code writeDiff(s, s)}. */
    @Benchmark
    public int noChangeSameInstance() {
        Utf8Buffer out = buffer;
        out.reset();
        todos.writeDiff(p.todo, p.todo, out);
        return out.length();
    }

    /** No change, an equal record with the same component objects. */
    @Benchmark
    public int noChangeEqualInstance() {
        Utf8Buffer out = buffer;
        out.reset();
        todos.writeDiff(p.todo, p.todoEqual, out);
        return out.length();
    }

    /** One changed text field of the todo page. */
    @Benchmark
    public int oneField() {
        Utf8Buffer out = buffer;
        out.reset();
        todos.writeDiff(p.todo, p.todoOneField, out);
        return out.length();
    }

    /** No change, 1,000 rows: same row objects in a new list (every row is visited). */
    @Benchmark
    public int noChangeCopiedList1000() {
        Utf8Buffer out = buffer;
        out.reset();
        lists.writeDiff(p.list, p.listCopied, out);
        return out.length();
    }

    /** One changed row of 1,000. */
    @Benchmark
    public int oneRowOf1000() {
        Utf8Buffer out = buffer;
        out.reset();
        lists.writeDiff(p.list, p.listOneRow, out);
        return out.length();
    }

    /** One row inserted in the middle of 1,000. */
    @Benchmark
    public int insertRowInto1000() {
        Utf8Buffer out = buffer;
        out.reset();
        lists.writeDiff(p.list, p.listInserted, out);
        return out.length();
    }

    /** The String API with no change (an equal record): {@code diff(a, b)} is {@code "{}"}. */
    @Benchmark
    public String noChangeEqualInstanceString() {
        return todos.diff(p.todo, p.todoEqual);
    }

    /** The String API for one changed text field. */
    @Benchmark
    public String oneFieldString() {
        return todos.diff(p.todo, p.todoOneField);
    }
}
