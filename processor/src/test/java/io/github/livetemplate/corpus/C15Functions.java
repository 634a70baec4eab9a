package io.github.livetemplate.corpus;

import io.github.livetemplate.LiveTemplate;
import java.util.List;

/** Corpus 15: user functions, one renamed with @TemplateFunction. */
@LiveTemplate(value = "c15_functions.tmpl", functions = CorpusFunctions.class)
public record C15Functions(String name, int count, List<String> tags, List<Item> items) {}
