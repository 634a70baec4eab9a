package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.livetemplate.test.LiveTest;
import io.github.livetemplate.test.LiveView;
import org.junit.jupiter.api.Test;

/** The page on the test kit: the real engine and renderer, no server, no browser. */
class CounterControllerTest {
    private final LiveTest<Counter> page =
            LiveTest.of(
                    new CounterRenderer(),
                    new CounterControllerLive(new CounterController()),
                    Counter.initial());

    @Test
    void theButtonsCount() {
        LiveView<Counter> view = page.connect();
        assertEquals("0", view.text("#count"));

        view.click("increment");
        view.click("increment");
        view.click("decrement");

        assertEquals("1", view.text("#count"));
    }
}
