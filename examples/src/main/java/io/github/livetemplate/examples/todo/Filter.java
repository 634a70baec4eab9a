package io.github.livetemplate.examples.todo;

import java.util.Locale;

/** Which items the list shows; chosen by the page's {@code ?filter=} query parameter. */
public enum Filter {
    ALL,
    ACTIVE,
    COMPLETED;

    /** The filter named by {@code value} (case-insensitive); {@link #ALL} when unknown or null. */
    public static Filter parse(String value) {
        if (value != null) {
            for (Filter f : values()) {
                if (f.name().equalsIgnoreCase(value.trim())) {
                    return f;
                }
            }
        }
        return ALL;
    }

    /** Whether {@code todo} is shown under this filter. */
    public boolean shows(Todo todo) {
        return switch (this) {
            case ALL -> true;
            case ACTIVE -> !todo.done();
            case COMPLETED -> todo.done();
        };
    }

    /** The query value: {@code all}, {@code active} or {@code completed}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
