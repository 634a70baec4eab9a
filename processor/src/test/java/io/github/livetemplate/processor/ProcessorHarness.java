package io.github.livetemplate.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.livetemplate.runtime.LiveRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Test support: given a template and Java sources, compile them with the processor; then check its
 * javac-shaped errors ({@code file:line:col: message}, the template line, a caret), render the
 * generated renderer's HTML, compare generated source with a golden, or load the generated classes.
 */
final class ProcessorHarness {
    private static final boolean UPDATE_GOLDENS = Boolean.getBoolean("goldens.update");

    private final Path root;

    /** Templates are written under {@code root}, the processor's template root. */
    ProcessorHarness(Path root) {
        this.root = root;
    }

    /** Writes {@code template} at {@code path} and compiles {@code sources}. */
    Compilation compile(
            String path, String template, List<String> options, List<JavaFileObject> sources) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, template, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> all = new ArrayList<>(options);
        all.add("-Alivetemplate.templateRoot=" + root);
        return Compiler.javac()
                .withProcessors(new LiveTemplateProcessor())
                .withOptions(all)
                .compile(sources);
    }

    Compilation compile(String path, String template, String className, String source) {
        return compile(
                path,
                template,
                List.of(),
                List.of(JavaFileObjects.forSourceString(className, source)));
    }

    /**
     * Given {@code template} at {@code path} for the record {@code recordClass} in {@code source},
     * then {@code html(state)} for the state of {@code components} is {@code expected} inside the
     * wrapper element.
     */
    void assertHtml(
            String path,
            String template,
            String recordClass,
            String source,
            String expected,
            Object... components)
            throws Exception {
        Rendering r = render(path, template, recordClass, source);
        assertEquals(r.wrapped(expected), r.html(components));
    }

    /** Compiles {@code template} for the record, which must succeed without warnings. */
    Rendering render(String path, String template, String recordClass, String source)
            throws Exception {
        Compilation c = compile(path, template, recordClass, source);
        assertThat(c).succeededWithoutWarnings();
        return new Rendering(new GeneratedLoader(c), recordClass);
    }

    /** The generated renderer of one record, and states of that record. */
    static final class Rendering {
        private final ClassLoader loader;
        private final String recordClass;
        final LiveRenderer<Object> renderer;

        @SuppressWarnings("unchecked")
        Rendering(ClassLoader loader, String recordClass) throws Exception {
            this.loader = loader;
            this.recordClass = recordClass;
            this.renderer =
                    (LiveRenderer<Object>)
                            loader.loadClass(recordClass + "Renderer")
                                    .getConstructor()
                                    .newInstance();
        }

        Object state(Object... components) throws Exception {
            return newRecord(loader, recordClass, components);
        }

        String html(Object... components) throws Exception {
            return renderer.html(state(components));
        }

        /**
         * {@code html} inside the wrapper element {@code html(state)} puts around the live part.
         */
        String wrapped(String html) {
            return "<div data-lvt-id=\"" + renderer.defaultWrapperId() + "\">" + html + "</div>";
        }
    }

    /** A record of {@code className} from its canonical constructor. */
    static Object newRecord(ClassLoader loader, String className, Object... components)
            throws Exception {
        Class<?> type = loader.loadClass(className);
        Class<?>[] types =
                Stream.of(type.getRecordComponents())
                        .map(RecordComponent::getType)
                        .toArray(Class<?>[]::new);
        return type.getConstructor(types).newInstance(components);
    }

    /**
     * The generated source of {@code className} equals the golden {@code file} (or, with {@code
     * -Dgoldens.update=true}, becomes it).
     */
    static void assertMatchesGolden(Compilation c, String className, String file)
            throws IOException {
        String actual =
                c.generatedSourceFile(className)
                        .orElseThrow(() -> new AssertionError(className + " was not generated"))
                        .getCharContent(false)
                        .toString();
        Path golden = goldens().resolve(file);
        if (UPDATE_GOLDENS) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(
                Files.isRegularFile(golden),
                "missing golden " + golden + "; run with -Dgoldens.update=true to create it");
        assertEquals(
                Files.readString(golden, StandardCharsets.UTF_8),
                actual,
                "generated source of "
                        + className
                        + " differs from "
                        + golden
                        + " (run with -Dgoldens.update=true to accept the new output)");
    }

    private static Path goldens() {
        String configured = System.getProperty("livetemplate.generatedGoldens");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path dir = Path.of(System.getProperty("user.dir"));
        // Surefire runs in the module folder; an IDE may run from the repository root.
        if (!Files.isDirectory(dir.resolve("src/test/resources"))
                && Files.isDirectory(dir.resolve("processor/src/test/resources"))) {
            dir = dir.resolve("processor");
        }
        return dir.resolve("src/test/resources/generated-goldens");
    }

    static List<String> errors(Compilation c) {
        return c.errors().stream().map(d -> d.getMessage(Locale.ROOT)).toList();
    }

    /** Compilation failed with exactly this one error. */
    static void assertOnlyError(
            Compilation c, String path, String template, int line, int col, String message) {
        assertThat(c).failed();
        assertThat(c).hadErrorCount(1);
        assertError(c, path, template, line, col, message);
    }

    /**
     * An error reads {@code file:line:col: message}, then the template line, then a caret under the
     * column (javac may indent the two extra lines; tabs are kept).
     */
    static void assertError(
            Compilation c, String path, String template, int line, int col, String message) {
        String header = path + ":" + line + ":" + col + ": " + message;
        assertThat(c).hadErrorContaining(header);
        String full = null;
        for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
            String m = d.getMessage(Locale.ROOT);
            if (m.lines().findFirst().orElse("").equals(header)) {
                full = m;
            }
        }
        if (full == null) {
            fail(
                    "no error whose first line is exactly\n"
                            + header
                            + "\nbut:\n"
                            + String.join("\n---\n", errors(c)));
        }
        List<String> lines = full.lines().toList();
        assertEquals(3, lines.size(), "header, template line, caret:\n" + full);
        String source = template.split("\r?\n", -1)[line - 1];
        assertTrue(lines.get(1).endsWith(source), "template line " + line + " shown:\n" + full);
        String indent = lines.get(1).substring(0, lines.get(1).length() - source.length());
        StringBuilder caret = new StringBuilder(indent);
        for (int i = 0; i < col - 1 && i < source.length(); i++) {
            caret.append(source.charAt(i) == '\t' ? '\t' : ' ');
        }
        caret.append('^');
        assertEquals(caret.toString(), lines.get(2), "caret under column " + col + ":\n" + full);
    }

    /** Loads the classes of one compilation; everything else comes from the test class path. */
    static final class GeneratedLoader extends ClassLoader {
        private final Map<String, byte[]> classes = new HashMap<>();

        GeneratedLoader(Compilation c) throws IOException {
            super(ProcessorHarness.class.getClassLoader());
            for (JavaFileObject f : c.generatedFiles()) {
                if (f.getKind() != JavaFileObject.Kind.CLASS) {
                    continue;
                }
                String path = f.toUri().getPath();
                String name =
                        path.substring(
                                        path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length(),
                                        path.length() - ".class".length())
                                .replace('/', '.');
                try (InputStream in = f.openInputStream()) {
                    classes.put(name, in.readAllBytes());
                }
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
