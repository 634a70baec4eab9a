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

    /** A loaded template. */
    record Loaded(String path, String text) {}

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
                return loaded(record, path, text);
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
                    return loaded(record, path, Files.readString(file, StandardCharsets.UTF_8));
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

    private Loaded loaded(TypeElement record, String path, String text) {
        if (record != null) {
            inputs.read(record, path, text);
        }
        return new Loaded(path, text);
    }

    /** {@code …/src/main/resources} for a record whose source is under {@code …/src/main/java}. */
    private Path resourcesBesideSources(TypeElement record) {
        URI uri = sourceFile.apply(record);
        if (uri == null || !"file".equals(uri.getScheme())) {
            return null;
        }
        for (Path p = Path.of(uri).getParent(); p != null; p = p.getParent()) {
            if (p.endsWith(Path.of("src", "main", "java"))) {
                return p.getParent().resolve("resources");
            }
        }
        return null;
    }
}
