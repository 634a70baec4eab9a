package io.github.livetemplate.corpus;

import io.github.livetemplate.LiveTemplate;
import java.util.List;

/** Corpus 6: range $i, $v := … using $i in the row. */
@LiveTemplate("c06_index.tmpl")
public record C06Index(List<Item> items) {}
