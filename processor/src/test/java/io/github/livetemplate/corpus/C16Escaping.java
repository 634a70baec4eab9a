package io.github.livetemplate.corpus;

import io.github.livetemplate.LiveTemplate;

/** Corpus 16: contextual escaping in URL, CSS, JS, RCDATA and unquoted attribute contexts. */
@LiveTemplate("c16_escaping.tmpl")
public record C16Escaping(
        String title,
        String text,
        String url,
        String path,
        String query,
        String color,
        String js,
        int n,
        boolean flag,
        double ratio) {}
