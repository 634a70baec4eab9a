package io.github.livetemplate.runtime.generated;

/**
 * The stored {@link Persist} components of one session group, as generated code reads them back in
 * {@link Actions#restorePersisted}.
 */
public interface PersistedFields {

    /** Whether a value was stored for component {@code name}. */
    boolean has(String name);

    /**
     * The stored value of component {@code name} read as {@code type}; null when none was stored or
     * it no longer reads as that type (the state then keeps its own value).
     */
    <T> T get(String name, TypeRef<T> type);
}
