package io.github.livetemplate.corpus;

import io.github.livetemplate.LiveTemplate;
import java.util.List;

/** Corpus 13b: a range row that is just {@code {{template "item" .}}}; the template has the key. */
@LiveTemplate("c13b_template_row.tmpl")
public record C13bTemplateRow(String title, List<Item> items) {}
