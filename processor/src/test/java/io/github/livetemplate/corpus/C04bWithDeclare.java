package io.github.livetemplate.corpus;

import io.github.livetemplate.LiveTemplate;

/** Corpus 4b: {@code {{with $n := …}}} declares a variable for the with body. */
@LiveTemplate("c04b_with_declare.tmpl")
public record C04bWithDeclare(Profile main, int count) {}
