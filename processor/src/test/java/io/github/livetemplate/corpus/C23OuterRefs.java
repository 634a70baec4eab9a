package io.github.livetemplate.corpus;

import io.github.livetemplate.LiveTemplate;
import java.util.List;

/** Corpus 22: rows that reference outer state through $. */
@LiveTemplate("c23_outer_refs.tmpl")
public record C23OuterRefs(
        String prefix, int selected, boolean showIds, List<Item> items, List<String> tags) {}
