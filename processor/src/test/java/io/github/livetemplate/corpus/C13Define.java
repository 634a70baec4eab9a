package io.github.livetemplate.corpus;

import io.github.livetemplate.LiveTemplate;
import java.util.List;

/** Corpus 13: define / template / block composition. */
@LiveTemplate("c13_define.tmpl")
public record C13Define(String title, String subtitle, List<Item> items, Item first) {}
