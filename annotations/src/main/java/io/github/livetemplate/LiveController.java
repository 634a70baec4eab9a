package io.github.livetemplate;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller: a class whose public methods {@code S name(S state, Context ctx)} are the
 * actions of a live page with state record {@code S}. The annotation processor generates {@code
 * <Controller>Live}, a reflection-free dispatcher with a static {@code handler(...)} factory for
 * the Undertow runtime, and checks that every action the state's template can send exists on the
 * controller.
 *
 * <p>Action names match the method name in camelCase, snake_case, kebab-case and PascalCase, or the
 * name given with {@link Action}. The lifecycle methods {@code mount}, {@code onConnect} (both
 * {@code S name(S, Context)}) and {@code onDisconnect} ({@code void name(S, Context)}) are not
 * actions.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface LiveController {}
