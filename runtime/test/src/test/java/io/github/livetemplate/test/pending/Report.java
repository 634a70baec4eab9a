package io.github.livetemplate.test.pending;

import io.github.livetemplate.LiveTemplate;
import java.util.List;

/**
 * A report whose rows load with {@code ctx.async}; the template's spinner reads {@code
 * .lvt.Pending}.
 */
@LiveTemplate("report.tmpl")
public record Report(List<String> rows, int clicks) {
    public Report {
        rows = List.copyOf(rows);
    }
}
