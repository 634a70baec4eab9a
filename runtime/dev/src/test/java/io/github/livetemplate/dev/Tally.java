package io.github.livetemplate.dev;

import io.github.livetemplate.LiveTemplate;

/** The tests' page state: compiled by the processor at test-compile time, like an app's. */
@LiveTemplate("tally.tmpl")
public record Tally(int count) {}
