package io.github.livetemplate.corpus;

/** A keyed list element shared by several corpus states. */
public record Item(int id, String label, boolean on) {}
