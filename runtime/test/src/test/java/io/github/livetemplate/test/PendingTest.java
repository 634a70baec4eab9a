package io.github.livetemplate.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.test.pending.Report;
import io.github.livetemplate.test.pending.ReportController;
import io.github.livetemplate.test.pending.ReportControllerLive;
import io.github.livetemplate.test.pending.ReportRenderer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code .lvt.Pending} on the real engine with a page compiled by the processor: true from the
 * render of the action that starts {@code ctx.async} work until the render of its {@code apply}.
 */
@Timeout(30)
class PendingTest {
    private final ReportController controller = new ReportController();
    private final LiveTest<Report> page =
            LiveTest.builder(
                            new ReportRenderer(),
                            new ReportControllerLive(controller),
                            new Report(List.of(), 0))
                    .build();

    /** The updates pushed to the view, waiting (bounded) until there is at least one. */
    private static List<Update> pushed(LiveView<Report> view) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            List<Update> got = view.pushed();
            if (!got.isEmpty()) {
                return got;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the async work's update never came");
    }

    @Test
    void theSpinnerShowsWhileTheWorkRunsAndGoesWhenItIsApplied() throws Exception {
        LiveView<Report> view = page.connect();
        assertTrue(view.find(".spinner").isEmpty(), "no work yet");

        Update started = view.click("load");

        assertTrue(started.tree().contains("Loading…"), started.text());
        assertEquals(1, view.find(".spinner").size());
        Update meanwhile = view.click("click");
        assertEquals("1", view.text("i"), "the page answers while the work runs");
        assertFalse(meanwhile.tree().contains("Loading"), "the spinner's slot did not change");
        assertEquals(1, view.find(".spinner").size(), "still pending");

        controller.gate.countDown();
        List<Update> applied = pushed(view);

        assertTrue(applied.get(applied.size() - 1).changed());
        assertTrue(view.find(".spinner").isEmpty(), view.html().source());
        assertEquals(List.of("north", "south"), view.texts("li"));
        assertEquals("1", view.text("i"), "applied to the state the connection had then");
    }
}
