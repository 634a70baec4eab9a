package io.github.livetemplate.corpus;

import io.github.livetemplate.LiveTemplate;
import java.util.List;

/** Corpus 19: conditionals around attributes and class toggles. */
@LiveTemplate("c19_attr_conditionals.tmpl")
public record C19AttrConditionals(boolean x, boolean hidden, List<Row> todos) {

    /** A row with toggles. */
    public record Row(String id, String text, boolean done, boolean starred, boolean locked) {}
}
