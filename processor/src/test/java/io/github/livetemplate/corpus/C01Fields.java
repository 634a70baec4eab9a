package io.github.livetemplate.corpus;

import io.github.livetemplate.LiveTemplate;

/** Corpus 1: plain fields of every type in text and in quoted attributes. */
@LiveTemplate("c01_fields.tmpl")
public record C01Fields(
        String name,
        int count,
        long total,
        boolean flag,
        double ratio,
        Level level,
        float score,
        Integer boxed) {}
