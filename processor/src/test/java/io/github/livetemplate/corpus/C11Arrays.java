package io.github.livetemplate.corpus;

import io.github.livetemplate.LiveTemplate;

/** Corpus 11: ranges over array components. */
@LiveTemplate("c11_arrays.tmpl")
public record C11Arrays(String[] tags, int[] counts, Item[] items) {}
