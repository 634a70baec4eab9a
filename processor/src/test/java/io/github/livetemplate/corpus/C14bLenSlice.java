package io.github.livetemplate.corpus;

import io.github.livetemplate.LiveTemplate;
import java.util.List;

/** Corpus 14b: {@code len} of a {@code slice} expression. */
@LiveTemplate("c14b_len_slice.tmpl")
public record C14bLenSlice(List<String> tags) {}
