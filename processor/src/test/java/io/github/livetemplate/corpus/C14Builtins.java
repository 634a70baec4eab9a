package io.github.livetemplate.corpus;

import io.github.livetemplate.LiveTemplate;
import java.util.List;
import java.util.Map;

/** Corpus 14: pipelines and built-in functions. */
@LiveTemplate("c14_builtins.tmpl")
public record C14Builtins(
        String name,
        int count,
        long total,
        double ratio,
        boolean flag,
        List<String> tags,
        Map<String, Integer> scores,
        String query) {}
