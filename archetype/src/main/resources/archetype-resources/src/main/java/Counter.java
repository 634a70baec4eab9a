package ${package};

import io.github.livetemplate.LiveTemplate;

/**
 * The page's state: one number. The processor compiles {@code counter.tmpl} against this record
 * into {@code CounterRenderer}.
 *
 * @param count the current value
 */
@LiveTemplate("counter.tmpl")
public record Counter(int count) {

    /** The state every page load and connection starts from. */
    public static Counter initial() {
        return new Counter(0);
    }
}
