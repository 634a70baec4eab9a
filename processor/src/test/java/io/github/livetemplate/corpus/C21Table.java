package io.github.livetemplate.corpus;

import io.github.livetemplate.LiveTemplate;
import java.util.List;
import java.util.Optional;

/** Corpus 20b: a table page with many columns. */
@LiveTemplate("c21_table.tmpl")
public record C21Table(String caption, String sortBy, boolean striped, List<Row> rows) {

    /** One table row. */
    public record Row(
            String id,
            String name,
            String email,
            int age,
            double score,
            boolean active,
            Level level,
            long visits,
            Optional<String> note,
            String city,
            float weight) {}
}
