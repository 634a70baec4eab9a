package io.github.livetemplate.corpus;

import io.github.livetemplate.LiveTemplate;
import java.util.List;
import java.util.Optional;

/** Corpus 12: variables, assignment at the same level, $ and $.X inside ranges and withs. */
@LiveTemplate("c12_vars.tmpl")
public record C12Vars(
        String title, String selected, int limit, List<Item> items, Optional<Profile> profile) {}
