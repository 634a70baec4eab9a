package io.github.livetemplate.benchmarks;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Page (a), a 100-row todo list: ours against jte. */
@State(Scope.Thread)
public class TodoRenderBenchmark extends RenderBenchmark<TodoPage> {
    public TodoRenderBenchmark() {
        super(Fixtures::todoPage, TodoPageRenderer::new, Jte.TODOS);
    }
}
