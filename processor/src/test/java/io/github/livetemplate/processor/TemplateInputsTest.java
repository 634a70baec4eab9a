package io.github.livetemplate.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor records which templates each renderer came from (for the Maven plugin's staleness
 * check): class file, resource paths and hashes, no machine paths.
 */
class TemplateInputsTest {
    @TempDir Path root;

    private static final String OUTER =
            """
            package inp;

            import io.github.livetemplate.LiveTemplate;

            public final class Pages {
              @LiveTemplate("hello.tmpl")
              public record Hello(String name) {}
            }
            """;

    @Test
    void aRendererNamesItsTopLevelClassAndEachTemplateWithItsHash() throws IOException {
        String template = "<h1>Hello, {{.Name}}!</h1>";

        Compilation c =
                new ProcessorHarness(root).compile("inp/hello.tmpl", template, "inp.Pages", OUTER);

        assertThat(c).succeeded();
        Optional<JavaFileObject> file =
                c.generatedFile(
                        StandardLocation.CLASS_OUTPUT,
                        "",
                        "META-INF/livetemplate/inputs/inp.Pages$Hello.properties");
        String text = file.orElseThrow().getCharContent(true).toString();
        assertEquals(
                "# The templates inp.Pages.Hello's renderer was generated from;\n"
                        + "# livetemplate-maven-plugin recompiles the record when one changes.\n"
                        + "class=inp/Pages\n"
                        + "template.0=inp/hello.tmpl\n"
                        + "template.0.sha256="
                        + TemplateInputs.sha256(template)
                        + "\n",
                text);
        assertFalse(text.contains(root.toString()), "no machine paths");
    }
}
