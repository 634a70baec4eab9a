package io.github.livetemplate.test.pending;

import io.github.livetemplate.LiveController;
import io.github.livetemplate.runtime.Context;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code load} fetches the rows off the queue; the test opens {@link #gate} to finish it. */
@LiveController
public final class ReportController {
    /** The work waits (bounded) for this before it returns its rows. */
    public volatile CountDownLatch gate = new CountDownLatch(1);

    public Report load(Report state, Context ctx) {
        CountDownLatch g = gate;
        ctx.<Report, List<String>>async(
                () -> {
                    if (!g.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never opened the gate");
                    }
                    return List.of("north", "south");
                },
                (current, rows, error, c) -> new Report(rows, current.clicks()));
        return state;
    }

    public Report click(Report state, Context ctx) {
        return new Report(state.rows(), state.clicks() + 1);
    }
}
