package io.github.livetemplate;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Template files whose {@code {{define}}}s every {@link LiveTemplate} in this package and its
 * sub-packages may call, like a Go template library: put it on {@code package-info.java}.
 *
 * <p>{@code @TemplateLibrary({"toast.tmpl", "/components/modal.tmpl"}) package com.example;} makes
 * {@code com/example/toast.tmpl} and {@code components/modal.tmpl} (paths as in {@link
 * LiveTemplate#value()}, relative to this package) part of the template set of each record in
 * {@code com.example} and below. The files are looked up on the class path, so a jar of component
 * templates works as a library. The libraries of outer packages come first; a record's own files
 * come after them, so a page may replace a library's {@code {{block}}}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PACKAGE)
public @interface TemplateLibrary {

    /**
     * The template files, relative to the annotated package or absolute from the class-path root.
     */
    String[] value();
}
