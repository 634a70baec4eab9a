package io.github.livetemplate.corpus;

import java.util.Optional;

/** A nested record with an optional component. */
public record Profile(String name, int age, Optional<String> email) {}
