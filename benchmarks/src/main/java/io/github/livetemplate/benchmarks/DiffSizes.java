package io.github.livetemplate.benchmarks;

import java.io.PrintStream;

/**
 * Prints the diff JSON of each {@link DiffBenchmark} case and its size in bytes. Run with {@code
 * java -cp benchmarks/target/benchmarks.jar io.github.livetemplate.benchmarks.DiffSizes}.
 */
public final class DiffSizes {

    private DiffSizes() {}

    public static void main(String[] args) {
        print(new DiffBenchmark.Pairs(), System.out);
    }

    static void print(DiffBenchmark.Pairs p, PrintStream out) {
        TodoPageRenderer todos = new TodoPageRenderer();
        ListPageRenderer lists = new ListPageRenderer();
        line(out, "noChangeSameInstance", todos.diff(p.todo, p.todo));
        line(out, "noChangeEqualInstance", todos.diff(p.todo, p.todoEqual));
        line(out, "oneField", todos.diff(p.todo, p.todoOneField));
        line(out, "noChangeCopiedList1000", lists.diff(p.list, p.listCopied));
        line(out, "oneRowOf1000", lists.diff(p.list, p.listOneRow));
        line(out, "insertRowInto1000", lists.diff(p.list, p.listInserted));
        out.println(
                "html bytes: todos "
                        + todos.html(p.todo)
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)
                                .length
                        + ", list(1000) "
                        + lists.html(p.list).length()
                        + ", stocks "
                        + new StocksPageRenderer().html(Fixtures.stocksPage()).length());
    }

    private static void line(PrintStream out, String name, String json) {
        out.println(
                "diff "
                        + name
                        + ": "
                        + json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                        + " B  "
                        + json);
    }
}
