package io.github.livetemplate.examples.counter;

import io.github.livetemplate.LiveController;
import io.github.livetemplate.runtime.Context;

/**
 * The counter's actions. The buttons {@code <button name="increment">} and {@code <button
 * name="decrement">} of the template send actions {@code increment} and {@code decrement}; the
 * annotation processor checks at compile time that both exist here and generates {@link
 * CounterControllerLive}, which dispatches to them without reflection.
 */
@LiveController
public final class CounterController {

    /** {@code +1}. */
    public Counter increment(Counter state, Context ctx) {
        return new Counter(state.count() + 1);
    }

    /** {@code -1}. */
    public Counter decrement(Counter state, Context ctx) {
        return new Counter(state.count() - 1);
    }

    /**
     * "Reset": opens the dialog that asks before {@link #confirm} resets. Not named {@code reset}:
     * a form control named {@code reset} hides the form's own {@code reset()} method in the
     * browser, which the client calls after every successful submit.
     */
    public Counter clear(Counter state, Context ctx) {
        return new Counter(state.count(), new Counter.Confirm("Reset the counter to 0?"));
    }

    /** The dialog's "Yes": back to 0, with a toast. */
    public Counter confirm(Counter state, Context ctx) {
        if (state.confirm() == null) {
            return state; // a stale "Yes" after the dialog closed
        }
        ctx.flash("info", "Counter reset from " + state.count() + ".");
        return new Counter(0);
    }

    /** The dialog's "No". */
    public Counter dismiss(Counter state, Context ctx) {
        return new Counter(state.count());
    }
}
