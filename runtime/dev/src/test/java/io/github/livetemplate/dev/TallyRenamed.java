package io.github.livetemplate.dev;

import io.github.livetemplate.LiveTemplate;

/** {@link Tally} after an incompatible edit: {@code count} renamed. */
@LiveTemplate("tally-renamed.tmpl")
public record TallyRenamed(int clicks) {}
