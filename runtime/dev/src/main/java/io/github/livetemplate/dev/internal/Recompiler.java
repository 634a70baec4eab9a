package io.github.livetemplate.dev.internal;

import io.github.livetemplate.processor.LiveTemplateProcessor;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Internal: regenerates one record's renderer from the templates under a source root, in-process:
 * javac (javax.tools) with the real processor runs on the record's compiled class (a binary class
 * named for annotation processing, so the record itself is not recompiled), with the source root on
 * the source path (the processor reads templates there before the class path's old copies) and the
 * application's class path. The classes it generates go to a fresh directory and are loaded by a
 * {@link GeneratedClassLoader}; the record, the controller and the runtime stay the application's.
 */
public final class Recompiler {

    /**
     * What one recompilation gave.
     *
     * @param classes the directory of the generated classes, null when it failed
     * @param errors the compiler's errors (the processor's javac-shaped messages), empty on success
     */
    public record Result(Path classes, String errors) {
        public boolean ok() {
            return classes != null;
        }
    }

    private final Path sourceRoot;
    private final Path work;
    private StandardJavaFileManager files;

    /**
     * @param sourceRoot where the templates are edited ({@code src/main/resources})
     * @param work a directory of its own for the generated sources and classes
     */
    public Recompiler(Path sourceRoot, Path work) {
        this.sourceRoot = sourceRoot;
        this.work = work;
    }

    /** Regenerates {@code record}'s renderer into a new directory. Never throws for bad input. */
    public Result compile(Class<?> record) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            return new Result(null, "dev mode needs a JDK (no system Java compiler in this JVM)");
        }
        Path out;
        Path sources;
        try {
            Files.createDirectories(work);
            out = Files.createTempDirectory(work, "classes-");
            sources = Files.createTempDirectory(work, "sources-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> options =
                List.of(
                        "-d",
                        out.toString(),
                        "-s",
                        sources.toString(),
                        "-sourcepath",
                        sourceRoot.toString(),
                        "-classpath",
                        classPath(record),
                        "-implicit:none",
                        "-Xlint:-options",
                        "-encoding",
                        "UTF-8");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter log = new StringWriter();
        boolean ok;
        try {
            if (files == null) {
                // Kept across recompilations: it caches the class path's jars, the bulk of the
                // time of a small compilation. Only the watcher's thread uses it.
                files = javac.getStandardFileManager(null, Locale.ROOT, null);
            }
            JavaCompiler.CompilationTask task =
                    javac.getTask(
                            log, files, diagnostics, options, List.of(record.getName()), List.of());
            task.setProcessors(List.of(new LiveTemplateProcessor()));
            ok = task.call();
        } catch (RuntimeException e) {
            closeFiles();
            return new Result(null, "recompiling " + record.getName() + " failed: " + e);
        }
        String errors =
                diagnostics.getDiagnostics().stream()
                        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                        .map(d -> d.getMessage(Locale.ROOT))
                        .collect(Collectors.joining("\n\n"));
        if (!ok || !errors.isEmpty()) {
            delete(out);
            delete(sources);
            String text = errors.isEmpty() ? log.toString().strip() : errors;
            return new Result(null, text.isEmpty() ? "the compiler failed" : text);
        }
        delete(sources);
        return new Result(out, "");
    }

    /** Releases the compiler's cached jars. */
    public void closeFiles() {
        if (files != null) {
            try {
                files.close();
            } catch (IOException e) {
                // nothing held open matters in a dev run
            }
            files = null;
        }
    }

    /**
     * The class path the application runs with: where {@code record} was loaded from, the URLs of
     * its class loaders (a launcher such as {@code exec:java} runs the application in a loader of
     * its own) and {@code java.class.path}.
     */
    static String classPath(Class<?> record) {
        Set<String> entries = new LinkedHashSet<>();
        CodeSource cs = record.getProtectionDomain().getCodeSource();
        if (cs != null && cs.getLocation() != null) {
            addUrl(entries, cs.getLocation());
        }
        for (ClassLoader l = record.getClassLoader(); l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    addUrl(entries, url);
                }
            }
        }
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                entries.add(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void addUrl(Set<String> entries, URL url) {
        if ("file".equals(url.getProtocol())) {
            try {
                entries.add(Path.of(url.toURI()).toString());
            } catch (URISyntaxException | IllegalArgumentException e) {
                // not a plain file: javac could not read it either
            }
        }
    }

    /** Deletes a directory this recompiler made (nothing else). */
    public static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(walk.toList());
            java.util.Collections.reverse(all);
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover in the work directory; it is deleted with it
        }
    }
}
