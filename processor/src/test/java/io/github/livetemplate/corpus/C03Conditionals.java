package io.github.livetemplate.corpus;

import io.github.livetemplate.LiveTemplate;

/** Corpus 3: if / else if / else chains with and, or, not, eq, ne, lt, le, gt, ge. */
@LiveTemplate("c03_conditionals.tmpl")
public record C03Conditionals(
        String name, String other, int a, int b, boolean x, boolean y, Level level, long big) {}
