package io.github.livetemplate.runtime;

import java.util.Map;

/**
 * Validation messages by form field name. Declare a component of this type in a state record to
 * render an action's errors next to their fields: {@code {{with .Errors.title}}<p
 * class="error">{{.}}</p>{{end}}}. The runtime fills it after every action from {@link
 * Context#error}; the client receives the same map as {@code meta.errors}.
 */
public final class FieldErrors extends MessageMap {
    private static final FieldErrors NONE = new FieldErrors(Map.of());

    private FieldErrors(Map<String, String> errors) {
        super(errors);
    }

    /** No errors. */
    public static FieldErrors none() {
        return NONE;
    }

    /** A copy of {@code errors}, in their order. */
    public static FieldErrors of(Map<String, String> errors) {
        return errors.isEmpty() ? NONE : new FieldErrors(errors);
    }
}
