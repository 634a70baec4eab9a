package io.github.livetemplate.corpus;

import java.util.Optional;

/** A keyed row with conditionals. */
public record Task(
        String id, String title, boolean done, int priority, Level level, Optional<String> note) {}
