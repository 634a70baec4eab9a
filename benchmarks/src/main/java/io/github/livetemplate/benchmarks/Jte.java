package io.github.livetemplate.benchmarks;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.resolve.ResourceCodeResolver;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * jte engines for the comparison: templates from {@code src/main/resources/jte}, compiled at run
 * time (in a benchmark's {@code @Setup}, never timed) into a temporary folder, HTML escaping on.
 */
public final class Jte {

    public static final String TODOS = "todos.jte";
    public static final String STOCKS = "stocks.jte";

    private Jte() {}

    /**
     * An engine with both templates compiled.
     *
     * @param binary whether static text is pre-encoded UTF-8 ({@code setBinaryStaticContent}), the
     *     mode meant for {@link gg.jte.output.Utf8ByteOutput}
     */
    public static TemplateEngine engine(boolean binary) {
        Path classes;
        try {
            classes = Files.createTempDirectory("jte-classes");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ClassLoader loader = Jte.class.getClassLoader();
        TemplateEngine engine =
                TemplateEngine.create(
                        new ResourceCodeResolver("jte", loader), classes, ContentType.Html, loader);
        engine.setBinaryStaticContent(binary);
        engine.setClassPath(classPath());
        engine.prepareForRendering(TODOS);
        engine.prepareForRendering(STOCKS);
        return engine;
    }

    /**
     * The class path javac needs to compile the templates: the JVM's, plus surefire's test class
     * path when run from a manifest-only surefire jar.
     */
    private static List<String> classPath() {
        List<String> cp = new ArrayList<>();
        for (String prop : new String[] {"surefire.test.class.path", "java.class.path"}) {
            String v = System.getProperty(prop);
            if (v != null && !v.isBlank()) {
                for (String e : v.split(File.pathSeparator)) {
                    if (!e.isBlank() && !cp.contains(e)) {
                        cp.add(e);
                    }
                }
            }
        }
        return cp;
    }
}
