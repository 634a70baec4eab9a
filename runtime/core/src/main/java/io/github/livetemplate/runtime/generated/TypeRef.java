package io.github.livetemplate.runtime.generated;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * A full generic type captured by an anonymous subclass, as in {@code new TypeRef<List<Item>>()
 * {}}: how generated code tells the runtime what type a stored value must be read back as.
 *
 * @param <T> the captured type
 */
public abstract class TypeRef<T> {
    private final Type type;

    protected TypeRef() {
        Type superclass = getClass().getGenericSuperclass();
        if (!(superclass instanceof ParameterizedType p)) {
            throw new IllegalStateException("TypeRef must be created as an anonymous subclass");
        }
        this.type = p.getActualTypeArguments()[0];
    }

    /** The captured type. */
    public Type type() {
        return type;
    }
}
