package io.github.livetemplate;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a state record whose template is compiled into a typed renderer.
 *
 * <p>For {@code @LiveTemplate("todos.tmpl") record TodosState(...)} in package {@code com.example}
 * the annotation processor reads {@code com/example/todos.tmpl} from the class path (Maven: {@code
 * src/main/resources/com/example/todos.tmpl}) and generates {@code com.example.TodosStateRenderer}.
 * A value starting with {@code /} is taken from the resources root instead of the record's package.
 *
 * <p>The template uses Go {@code html/template} syntax. Every field, method and function it names
 * is resolved against the record when the record is compiled; mistakes are compile errors that
 * point at the template line and column.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface LiveTemplate {

    /** The template path, relative to the record's package, or absolute from the resources root. */
    String value();

    /**
     * More template files whose {@code {{define}}}s this template may call, with the same path
     * rules as {@link #value()}; they are looked up on the class path, so they may come from a jar.
     * As with Go's {@code template.ParseFiles(value, include…)}, all definitions of all files form
     * one set: the main file may call a template another file defines ({@code {{template "content"
     * .}}}), and a {@code {{block}}} of an earlier file is replaced by a later file's definition of
     * the same name (the layout pattern: the layout is {@code value}, the page's content an
     * include). Each file's top-level text is also a template named after the file ({@code
     * layout.html}). Files shared by a whole package go into {@link TemplateLibrary} instead.
     */
    String[] include() default {};

    /**
     * Classes whose public static methods become template functions, named after the method
     * (override a name with {@link TemplateFunction}). A user function with the name of a built-in
     * function replaces the built-in for this template.
     */
    Class<?>[] functions() default {};
}
