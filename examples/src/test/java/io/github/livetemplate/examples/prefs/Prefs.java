package io.github.livetemplate.examples.prefs;

import io.github.livetemplate.LiveTemplate;
import io.github.livetemplate.Persist;

/** A page whose theme is remembered per browser session while its click count is not. */
@LiveTemplate("prefs.tmpl")
public record Prefs(@Persist String theme, int clicks) {}
