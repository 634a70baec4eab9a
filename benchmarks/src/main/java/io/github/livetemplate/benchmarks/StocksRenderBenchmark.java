package io.github.livetemplate.benchmarks;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Page (b), the classic 20-row stocks table (~5.5 KB): ours against jte. */
@State(Scope.Thread)
public class StocksRenderBenchmark extends RenderBenchmark<StocksPage> {
    public StocksRenderBenchmark() {
        super(Fixtures::stocksPage, StocksPageRenderer::new, Jte.STOCKS);
    }
}
