package io.github.livetemplate.corpus;

import io.github.livetemplate.LiveTemplate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Corpus 23: lists of lists, maps of lists, optional lists. */
@LiveTemplate("c24_containers.tmpl")
public record C24Containers(
        List<List<String>> grid, Map<String, List<Item>> byGroup, Optional<List<Item>> maybe) {}
