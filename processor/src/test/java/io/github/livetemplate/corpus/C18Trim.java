package io.github.livetemplate.corpus;

import io.github.livetemplate.LiveTemplate;
import java.util.List;

/** Corpus 18: trim markers, template comments and (stripped) HTML comments. */
@LiveTemplate("c18_trim.tmpl")
public record C18Trim(String name, int count, boolean flag, List<Item> items) {}
