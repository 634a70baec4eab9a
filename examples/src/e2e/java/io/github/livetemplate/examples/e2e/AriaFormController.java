package io.github.livetemplate.examples.e2e;

import io.github.livetemplate.LiveController;
import io.github.livetemplate.runtime.Context;

/** Live validation of {@link AriaForm}: {@code change} checks the e-mail as the user types. */
@LiveController
public final class AriaFormController {

    public AriaForm change(AriaForm state, Context ctx) {
        String email = ctx.getString("email");
        if (email == null) {
            return state;
        }
        if (!email.contains("@")) {
            ctx.error("email", "That does not look like an e-mail address.");
        }
        return new AriaForm(email);
    }

    public AriaForm save(AriaForm state, Context ctx) {
        return change(state, ctx);
    }
}
