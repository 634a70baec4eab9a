package io.github.livetemplate.test.board;

/** One post of the board. */
public record Post(String id, String text) {}
