package io.github.livetemplate.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.livetemplate.LiveTemplate;
import io.github.livetemplate.runtime.generated.Escape;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project that only renders (annotations + processor + runtime, the runtime's one dependency
 * Jackson) compiles its record and renders it, with no Undertow and no Jedis anywhere on its class
 * path: neither at compile time nor at run time.
 */
class RenderOnlyProjectTest {
    @TempDir Path dir;

    @Test
    void rendersWithOnlyTheAnnotationsAndTheRuntimeOnTheClassPath() throws Exception {
        // given: a record and its template, compiled against the render-only class path
        List<Path> classPath =
                List.of(
                        jarOf(LiveTemplate.class),
                        jarOf(Escape.class),
                        jarOf(ObjectMapper.class),
                        jarOf(JsonFactory.class),
                        jarOf(JsonProperty.class));
        Path templates = dir.resolve("templates");
        Files.createDirectories(templates.resolve("app"));
        Files.writeString(
                templates.resolve("app/greeting.tmpl"),
                "<p>Hello, {{.Name}}! {{if .Admin}}(admin){{end}}</p>",
                StandardCharsets.UTF_8);
        Compilation c =
                Compiler.javac()
                        .withProcessors(new LiveTemplateProcessor())
                        .withOptions(
                                "-Alivetemplate.templateRoot=" + templates,
                                "-classpath",
                                classPath.stream()
                                        .map(Path::toString)
                                        .collect(Collectors.joining(File.pathSeparator)))
                        .compile(
                                JavaFileObjects.forSourceString(
                                        "app.Greeting",
                                        """
                                        package app;

                                        @io.github.livetemplate.LiveTemplate("greeting.tmpl")
                                        public record Greeting(String name, boolean admin) {}
                                        """));
        assertThat(c).succeededWithoutWarnings();
        Path classes = writeClasses(c);

        // then: a class loader holding exactly those jars and the project's classes renders it
        List<URL> urls = new ArrayList<>();
        urls.add(classes.toUri().toURL());
        for (Path jar : classPath) {
            urls.add(jar.toUri().toURL());
        }
        try (URLClassLoader loader =
                new URLClassLoader(
                        urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Class<?> record = loader.loadClass("app.Greeting");
            Object state =
                    record.getConstructor(String.class, boolean.class).newInstance("<Ann>", true);
            Object renderer =
                    loader.loadClass("app.GreetingRenderer").getConstructor().newInstance();
            String html =
                    (String) renderer.getClass().getMethod("html", record).invoke(renderer, state);
            assertEquals(
                    "<p>Hello, &lt;Ann&gt;! (admin)</p>",
                    html.replaceFirst("^<div data-lvt-id=\"[^\"]+\">(.*)</div>$", "$1"));
            // diff is the renderer interface's typed default method: diff(R, R) from source
            Class<?> rendererType = loader.loadClass("io.github.livetemplate.runtime.LiveRenderer");
            Object diff =
                    rendererType
                            .getMethod("diff", Object.class, Object.class)
                            .invoke(renderer, state, state);
            assertEquals("{}", diff);
            assertThrows(
                    ClassNotFoundException.class, () -> loader.loadClass("io.undertow.Undertow"));
            assertThrows(
                    ClassNotFoundException.class,
                    () -> loader.loadClass("redis.clients.jedis.Jedis"));
        }
    }

    /** The jar (or classes folder, inside the reactor) that {@code type} was loaded from. */
    private static Path jarOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private Path writeClasses(Compilation c) throws IOException {
        Path out = dir.resolve("classes");
        for (JavaFileObject f : c.generatedFiles()) {
            if (f.getKind() == JavaFileObject.Kind.CLASS) {
                String path = f.toUri().getPath();
                Path file = out.resolve(path.substring(path.indexOf("CLASS_OUTPUT/") + 13));
                Files.createDirectories(file.getParent());
                try (InputStream in = f.openInputStream()) {
                    Files.write(file, in.readAllBytes());
                }
            }
        }
        return out;
    }
}
