package io.github.livetemplate.examples.prefs;

import io.github.livetemplate.LiveController;
import io.github.livetemplate.runtime.Context;

/** Actions of {@link Prefs}. */
@LiveController
public final class PrefsController {

    public Prefs theme(Prefs state, Context ctx) {
        return new Prefs(ctx.getString("value"), state.clicks()); // the button's value
    }

    public Prefs click(Prefs state, Context ctx) {
        return new Prefs(state.theme(), state.clicks() + 1);
    }
}
