package io.github.livetemplate.corpus;

/** TodoMVC filters. */
public enum Filter {
    ALL,
    ACTIVE,
    COMPLETED
}
