package io.github.livetemplate.corpus;

import io.github.livetemplate.LiveTemplate;
import java.util.Map;

/** Corpus 9: ranges over maps (sorted keys), with and without $k, $v. */
@LiveTemplate("c09_maps.tmpl")
public record C09Maps(
        Map<String, Integer> scores, Map<String, Item> items, Map<String, String> labels) {}
