package io.github.livetemplate.corpus;

import io.github.livetemplate.LiveTemplate;
import java.util.List;

/** Corpus 7: range with else. */
@LiveTemplate("c07_range_else.tmpl")
public record C07RangeElse(List<Item> items, List<String> words) {}
