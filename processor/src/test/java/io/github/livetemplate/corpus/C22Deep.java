package io.github.livetemplate.corpus;

import io.github.livetemplate.LiveTemplate;
import java.util.List;
import java.util.Optional;

/** Corpus 21: deep nesting (conditional in range in with in conditional, range in range). */
@LiveTemplate("c22_deep.tmpl")
public record C22Deep(String title, boolean show, Optional<Panel> panel, Panel fixed) {

    /** A panel holding rows. */
    public record Panel(String name, boolean compact, List<Row> rows) {}

    /** A row holding cells. */
    public record Row(int id, String label, boolean flag, List<Cell> cells) {}

    /** An inner cell. */
    public record Cell(String key, String text, int n) {}
}
