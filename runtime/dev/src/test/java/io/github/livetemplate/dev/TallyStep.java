package io.github.livetemplate.dev;

import io.github.livetemplate.LiveTemplate;

/** {@link Tally} after a compatible edit: a component added, defaulted by the constructor. */
@LiveTemplate("tally-step.tmpl")
public record TallyStep(int count, String step) {
    public TallyStep {
        step = step == null ? "one" : step;
    }
}
