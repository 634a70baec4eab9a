package io.github.livetemplate.corpus;

import io.github.livetemplate.LiveTemplate;
import java.util.List;

/** Corpus 5: keyed range over records with nested conditionals that flip (full document). */
@LiveTemplate("c05_keyed.tmpl")
public record C05Keyed(String title, List<Task> tasks) {}
