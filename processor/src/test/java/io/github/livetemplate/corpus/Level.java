package io.github.livetemplate.corpus;

/** A small enum used by several corpus states. */
public enum Level {
    LOW,
    MEDIUM,
    HIGH
}
