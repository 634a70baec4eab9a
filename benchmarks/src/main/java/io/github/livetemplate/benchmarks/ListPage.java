package io.github.livetemplate.benchmarks;

import io.github.livetemplate.LiveTemplate;
import java.util.List;

/** Benchmark page (c): a fragment with 1,000 keyed rows, for the diff benchmarks. */
@LiveTemplate("list.tmpl")
public record ListPage(String title, int version, List<Row> rows) {

    /** One keyed row. */
    public record Row(String id, String label, boolean selected) {}
}
