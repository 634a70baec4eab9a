package io.github.livetemplate.processor;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.lang.model.element.TypeElement;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.StandardLocation;

/**
 * Finds a template file at compile time. In order: the class output (Maven copies resources there
 * before compiling), the source path, the class path, the folders named by {@code
 * -Alivetemplate.templateRoot} (comma-separated), and finally {@code src/main/resources} beside the
 * source file's {@code src/main/java} (plain javac on a Maven-style tree).
 */
final class TemplateSource {
    static final String ROOT_OPTION = "livetemplate.templateRoot";

    /**
     * A loaded template.
     *
     * @param path its resource path ({@code com/example/greeting.tmpl})
     * @param text its text
     * @param display where error messages say it is: the file an IDE or a terminal can open (the
     *     source under {@code src/main/resources} rather than its copy in the class output), or the
     *     resource path when it is not a file
     */
    record Loaded(String path, String text, String display) {
        Loaded(String path, String text) {
            this(path, text, path);
        }
    }

    private final Filer filer;
    private final String roots;
    private final java.util.function.Function<TypeElement, URI> sourceFile;

    /** Every template read, per record, for the build's staleness check. */
    private final TemplateInputs inputs = new TemplateInputs();

    /**
     * @param sourceFile where a record's source file is, or null when unknown
     */
    TemplateSource(
            Filer filer, String roots, java.util.function.Function<TypeElement, URI> sourceFile) {
        this.filer = filer;
        this.roots = roots;
        this.sourceFile = sourceFile;
    }

    /** The resource path of {@code value} for a record in {@code pkg}. */
    static String resolve(String pkg, String value) {
        if (value.startsWith("/")) {
            return value.substring(1);
        }
        return pkg.isEmpty() ? value : pkg.replace('.', '/') + "/" + value;
    }

    /** Loads {@code path}; null when it is nowhere. {@code looked} collects where it looked. */
    Loaded load(String path, TypeElement record, List<String> looked) {
        for (JavaFileManager.Location location :
                List.of(
                        StandardLocation.CLASS_OUTPUT,
                        StandardLocation.SOURCE_PATH,
                        StandardLocation.CLASS_PATH)) {
            looked.add(location.getName());
            try {
                FileObject file = filer.getResource(location, "", path);
                String text = file.getCharContent(true).toString();
                URI uri = file.toUri();
                if (uri != null && "jar".equals(uri.getScheme())) {
                    // A library in a jar: a new jar is a new dependency, which the build sees;
                    // the Maven plugin has no file to compare it with.
                    return new Loaded(path, text, uri.toString());
                }
                return loaded(record, path, text, display(record, path, uri));
            } catch (IOException | IllegalArgumentException | UnsupportedOperationException e) {
                // not there: try the next place
            }
        }
        List<Path> dirs = new ArrayList<>();
        if (roots != null && !roots.isBlank()) {
            for (String r : roots.split(",")) {
                dirs.add(Path.of(r.trim()));
            }
        }
        Path guess = resourcesBesideSources(record);
        if (guess != null) {
            dirs.add(guess);
        }
        for (Path dir : dirs) {
            Path file = dir.resolve(path);
            looked.add(dir.toString());
            if (Files.isRegularFile(file)) {
                try {
                    return loaded(
                            record,
                            path,
                            Files.readString(file, StandardCharsets.UTF_8),
                            file.toAbsolutePath().toString());
                } catch (IOException e) {
                    // unreadable: report as missing with the places tried
                }
            }
        }
        return null;
    }

    /** The templates read so far, per record. */
    TemplateInputs inputs() {
        return inputs;
    }

    private Loaded loaded(TypeElement record, String path, String text, String display) {
        if (record != null) {
            inputs.read(record, path, text);
        }
        return new Loaded(path, text, display);
    }

    /**
     * The file to name in messages for a template read from {@code uri}: its source beside the
     * record's sources when that exists (Maven reads the copy in {@code target/classes}), else the
     * file read, else the resource path.
     */
    private String display(TypeElement record, String path, URI uri) {
        Path beside = resourcesBesideSources(record);
        if (beside != null && Files.isRegularFile(beside.resolve(path))) {
            return beside.resolve(path).toString();
        }
        if (uri != null && "file".equals(uri.getScheme())) {
            try {
                return Path.of(uri).toString();
            } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                return path;
            }
        }
        return path;
    }

    /**
     * {@code …/src/main/resources} for a record whose source is under {@code …/src/main/java}
     * ({@code …/src/test/resources} for {@code …/src/test/java}).
     */
    private Path resourcesBesideSources(TypeElement record) {
        URI uri = record == null ? null : sourceFile.apply(record);
        if (uri == null || !"file".equals(uri.getScheme())) {
            return null;
        }
        for (Path p = Path.of(uri).getParent(); p != null; p = p.getParent()) {
            if (p.endsWith(Path.of("src", "main", "java"))
                    || p.endsWith(Path.of("src", "test", "java"))) {
                return p.getParent().resolve("resources");
            }
        }
        return null;
    }
}
