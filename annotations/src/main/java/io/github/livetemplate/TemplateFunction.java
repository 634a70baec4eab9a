package io.github.livetemplate;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a public static method of a {@link LiveTemplate#functions() function class} a template name
 * other than its Java name, e.g. {@code @TemplateFunction("upper") static String toUpper(String
 * s)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface TemplateFunction {

    /** The name templates call the function by. */
    String value();
}
