package ${package};

import io.github.livetemplate.LiveController;
import io.github.livetemplate.runtime.Context;

/**
 * The page's actions: {@code <button name="increment">} sends {@code increment}. The processor
 * checks that every action the template sends exists here and generates {@code
 * CounterControllerLive}, which dispatches to these methods without reflection.
 */
@LiveController
public final class CounterController {

    public Counter increment(Counter state, Context ctx) {
        return new Counter(state.count() + 1);
    }

    public Counter decrement(Counter state, Context ctx) {
        return new Counter(state.count() - 1);
    }
}
