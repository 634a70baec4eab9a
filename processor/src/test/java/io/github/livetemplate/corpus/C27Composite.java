package io.github.livetemplate.corpus;

import io.github.livetemplate.LiveTemplate;
import java.util.HashSet;
import java.util.List;

/**
 * Corpus 26: composite and nested-field row keys, adjacent ranges over the same list.
 *
 * <p>Keys must be unique within a list; RandomStates only keeps top-level {@code id}/{@code key}
 * components unique, so the compact constructor rejects duplicate {@code meta.id}s (RandomStates
 * retries rejected states).
 */
@LiveTemplate("c27_composite.tmpl")
public record C27Composite(String prefix, List<Card> cards) {

    public C27Composite {
        if (new HashSet<>(cards.stream().map(c -> c.meta().id()).toList()).size() != cards.size()) {
            throw new IllegalArgumentException("duplicate meta.id");
        }
    }

    /** A row whose key lives in a nested record. */
    public record Card(Meta meta, String title, boolean open) {}

    /** The key holder. */
    public record Meta(String id, int version) {}
}
