package io.github.livetemplate.benchmarks;

import io.github.livetemplate.LiveTemplate;
import java.util.List;

/** Benchmark page (b): the classic template-benchmark "stocks" page (20 rows, ~5.7 KB). */
@LiveTemplate("stocks.tmpl")
public record StocksPage(List<Stock> items) {

    /**
     * One row. {@code rank} is the 1-based row number; {@link #even()} picks the row class (Go
     * templates have no arithmetic, so the parity is a method both engines call).
     */
    public record Stock(
            int rank,
            String name,
            String name2,
            String url,
            String symbol,
            double price,
            double change,
            double ratio) {

        public boolean even() {
            return rank % 2 == 0;
        }
    }
}
