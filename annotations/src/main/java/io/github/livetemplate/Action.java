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
 *
 * <p>{@code @Action(serverOnly = true)} marks an action only the server runs: one that a trigger or
 * a publish calls ({@code ctx.publish(topic, "refresh", data)}). The processor refuses a template
 * that sends it, and the generated dispatcher refuses it from a client with an error reply, so a
 * client cannot forge it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Action {

    /**
     * The action name the client sends; empty (the default, allowed only with {@link #serverOnly})
     * keeps the names derived from the method name.
     */
    String value() default "";

    /**
     * Whether only the server may run this action (through triggers and publishes), never a client
     * message. Default {@code false}.
     */
    boolean serverOnly() default false;
}
