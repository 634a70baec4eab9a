package io.github.livetemplate;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names an action method of a {@link LiveController} explicitly, e.g. {@code @Action("clear-done")
 * public TodosState clearCompleted(TodosState s, Context ctx)}. The explicit name replaces the
 * names derived from the method name.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Action {

    /** The action name the client sends. */
    String value();
}
