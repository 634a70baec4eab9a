package io.github.livetemplate.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which renderers are stale, and what is deleted so that the compiler recompiles them. */
class StalenessTest {
    @TempDir Path tmp;
    Path classes;
    Path resources;
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void givenARendererBuiltFromOneTemplate() throws IOException {
        classes = tmp.resolve("classes");
        resources = tmp.resolve("resources");
        write(resources.resolve("com/example/greeting.tmpl"), "<h1>{{.Name}}</h1>");
        write(classes.resolve("com/example/greeting.tmpl"), "<h1>{{.Name}}</h1>");
        write(classes.resolve("com/example/Pages.class"), "bytes");
        write(
                classes.resolve(Staleness.INPUTS + "/com.example.Pages$Greeting.properties"),
                "class=com/example/Pages\n"
                        + "template.0=com/example/greeting.tmpl\n"
                        + "template.0.sha256="
                        + Staleness.sha256(resources.resolve("com/example/greeting.tmpl"))
                        + "\n");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private List<Staleness.Stale> refresh(String targetPath) throws IOException {
        return Staleness.refresh(
                classes, List.of(new Staleness.Root(resources, targetPath)), log::add);
    }

    @Test
    void anUnchangedTemplateKeepsEverything() throws IOException {
        assertTrue(refresh("").isEmpty());
        assertTrue(Files.exists(classes.resolve("com/example/Pages.class")));
        assertTrue(log.isEmpty());
    }

    @Test
    void anEditedSourceMakesTheRecordsTopLevelClassRecompile() throws IOException {
        write(resources.resolve("com/example/greeting.tmpl"), "<h2>{{.Name}}</h2>");

        List<Staleness.Stale> stale = refresh("");

        assertEquals(1, stale.size());
        assertFalse(Files.exists(classes.resolve("com/example/Pages.class")));
        assertFalse(Files.exists(stale.get(0).inputs()));
        assertEquals(
                List.of(
                        "com/example/greeting.tmpl changed: recompiling"
                                + " com.example.Pages.Greeting"),
                log);
    }

    @Test
    void anEditedIncludedTemplateMakesTheRecordRecompile() throws IOException {
        // Given a renderer whose template set also read an included layout (template.1).
        write(resources.resolve("layouts/main.html"), "<main>{{template \"content\" .}}</main>");
        Path inputs = classes.resolve(Staleness.INPUTS + "/com.example.Pages$Greeting.properties");
        Files.writeString(
                inputs,
                Files.readString(inputs)
                        + "template.1=layouts/main.html\n"
                        + "template.1.sha256="
                        + Staleness.sha256(resources.resolve("layouts/main.html"))
                        + "\n");
        assertTrue(refresh("").isEmpty());

        write(resources.resolve("layouts/main.html"), "<div>{{template \"content\" .}}</div>");

        List<Staleness.Stale> stale = refresh("");
        assertEquals(1, stale.size());
        assertEquals("layouts/main.html changed", stale.get(0).reason());
        assertFalse(Files.exists(classes.resolve("com/example/Pages.class")));
    }

    @Test
    void aTemplateGoneEverywhereIsStale() throws IOException {
        Files.delete(resources.resolve("com/example/greeting.tmpl"));
        Files.delete(classes.resolve("com/example/greeting.tmpl"));

        assertEquals("com/example/greeting.tmpl is gone", refresh("").get(0).reason());
    }

    @Test
    void aResourceFolderWithATargetPathIsMatchedBelowIt() throws IOException {
        Path other = tmp.resolve("templates");
        write(other.resolve("greeting.tmpl"), "changed");
        Staleness.Root root = new Staleness.Root(other, "com/example/");

        assertEquals(other.resolve("greeting.tmpl"), root.source("com/example/greeting.tmpl"));
        assertEquals(null, root.source("org/other/greeting.tmpl"));
        assertEquals(
                1,
                Staleness.refresh(classes, List.of(root), log::add).size(),
                "the edited file under the target path counts");
    }
}
