package io.github.livetemplate;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a state record component whose value survives reloads, reconnects and a move to another
 * instance: the runtime stores it per session group (browser session) in its {@code SessionStore}
 * after every mount and successful action, and restores it before the next mount. Every other
 * component lives and dies with its connection.
 *
 * <p>The value is stored as JSON, so its type must be one Jackson can write and read back (strings,
 * numbers, booleans, lists, maps, records of those).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface Persist {}
