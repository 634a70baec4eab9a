package io.github.livetemplate.corpus;

import io.github.livetemplate.LiveTemplate;
import java.util.List;

/** Corpus 25: ranges and conditionals inside attribute values, select options and scripts. */
@LiveTemplate("c26_ranges_in_contexts.tmpl")
public record C26RangesInContexts(
        List<String> words, List<Item> items, boolean flag, String name) {}
