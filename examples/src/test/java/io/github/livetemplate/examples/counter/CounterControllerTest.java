package io.github.livetemplate.examples.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.test.LiveTest;
import io.github.livetemplate.test.LiveView;
import io.github.livetemplate.test.TestContext;
import io.github.livetemplate.test.Update;
import org.junit.jupiter.api.Test;

/** The counter page on the test kit: no server, no browser. */
class CounterControllerTest {
    private final LiveTest<Counter> page =
            LiveTest.of(
                    new CounterRenderer(),
                    new CounterControllerLive(new CounterController()),
                    Counter.initial());

    @Test
    void buttonsCountAndANegativeCountIsMarked() {
        LiveView<Counter> view = page.connect();
        assertEquals("0", view.text("#count"));

        view.click("increment");
        view.click("increment");
        assertEquals("2", view.text("#count"));

        Update u = view.click("decrement");
        assertEquals("{\"1\":\"1\"}", u.tree(), "only the number changes");
        view.click("decrement");
        view.click("decrement");
        assertEquals("-1", view.text("#count"));
        assertEquals("neg", view.attr("#count", "class"));
    }

    @Test
    void resetAsksInTheLibrarysDialogAndReportsInItsToast() {
        LiveView<Counter> view = page.connect();
        view.click("increment");
        view.click("increment");
        assertTrue(view.find("dialog.confirm").isEmpty());

        view.click("clear");
        assertEquals("Reset the counter to 0?", view.text("#confirm-question"));
        view.click("dismiss");
        assertTrue(view.find("dialog.confirm").isEmpty(), "No closes it");
        assertEquals("2", view.text("#count"));

        view.click("clear");
        view.click("confirm");

        assertEquals("0", view.text("#count"));
        assertTrue(view.find("dialog.confirm").isEmpty());
        assertEquals("Counter reset from 2.", view.text(".toasts .toast-info"));
        assertEquals("status", view.attr(".toast-info", "role"));
    }

    @Test
    void eachTabCountsForItself() {
        LiveView<Counter> one = page.connect();
        LiveView<Counter> two = page.connect();

        one.click("increment");

        assertEquals("1", one.text("#count"));
        assertEquals("0", two.text("#count"));
    }

    @Test
    void anActionCalledDirectly() {
        Counter next =
                new CounterController()
                        .increment(
                                new Counter(41), TestContext.action("increment").build().context());

        assertEquals(new Counter(42), next);
    }
}
