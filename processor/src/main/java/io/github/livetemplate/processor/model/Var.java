package io.github.livetemplate.processor.model;

import javax.lang.model.type.TypeMirror;

/**
 * A value with a name in generated code: the root state, a dot rebound by {@code with}, {@code
 * range} or {@code template}, or a template variable such as {@code $x}. Identity matters: two
 * variables with the same template name are different {@code Var}s.
 */
public final class Var {
    private final String javaName;
    private final TypeMirror type;
    private final String description;

    /**
     * @param javaName a Java identifier, unique within the generated class
     * @param type the Java type of the value
     * @param description how the template refers to it, for comments ({@code $x}, {@code .})
     */
    public Var(String javaName, TypeMirror type, String description) {
        this.javaName = javaName;
        this.type = type;
        this.description = description;
    }

    public String javaName() {
        return javaName;
    }

    public TypeMirror type() {
        return type;
    }

    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return javaName;
    }
}
