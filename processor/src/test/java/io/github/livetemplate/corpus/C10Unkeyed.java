package io.github.livetemplate.corpus;

import io.github.livetemplate.LiveTemplate;
import java.util.List;

/** Corpus 10: unkeyed (positional) ranges over lists of plain values. */
@LiveTemplate("c10_unkeyed.tmpl")
public record C10Unkeyed(List<String> words, List<Integer> numbers, List<Level> levels) {}
