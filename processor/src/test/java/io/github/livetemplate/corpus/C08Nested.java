package io.github.livetemplate.corpus;

import io.github.livetemplate.LiveTemplate;
import java.util.List;

/** Corpus 8: nested keyed ranges with conditionals in the inner rows. */
@LiveTemplate("c08_nested.tmpl")
public record C08Nested(String title, List<Group> groups) {

    /** An outer row. */
    public record Group(String id, String name, boolean open, List<Entry> entries) {}

    /** An inner row. */
    public record Entry(int id, String text, boolean done, int votes) {}
}
