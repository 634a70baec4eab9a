package io.github.livetemplate.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.github.livetemplate.runtime.generated.UploadDeclaration;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code @Upload} on a controller: the generated dispatcher hands the declarations to the runtime,
 * every {@code lvt-upload="x"} of the template must name one (javac-shaped error at the template
 * position), and a declaration's own mistakes are reported on it.
 */
class UploadDeclarationTest extends ControllerFixture {

    private static final String FILE_INPUT =
            "<h1>{{.Last}}</h1>\n<p>{{.Count}}</p>\n<input type=\"file\" lvt-upload=\"%s\">\n";

    /** The test controller with {@code annotations} above the class. */
    private static JavaFileObject controllerWith(String annotations, String... members) {
        StringBuilder b =
                new StringBuilder(
                        """
                        package app;

                        import io.github.livetemplate.Action;
                        import io.github.livetemplate.LiveController;
                        import io.github.livetemplate.Upload;
                        import io.github.livetemplate.runtime.Context;

                        """);
        b.append(annotations).append("\n@LiveController\npublic class TodoController {\n");
        for (String m : members) {
            b.append(m.indent(2)).append('\n');
        }
        b.append("}\n");
        return JavaFileObjects.forSourceString("app.TodoController", b.toString());
    }

    @Test
    void theDispatcherListsTheDeclarationsWithDefaultsFilledIn() throws Exception {
        Compilation c =
                compile(
                        FILE_INPUT.formatted("avatar"),
                        controllerWith(
                                """
                                @Upload(name = "avatar", accept = {"image/png", ".jpg"}, \
                                maxFileSize = 2_000_000)
                                @Upload(name = "docs", maxEntries = 5, autoUpload = false, \
                                action = "attach", mode = Upload.Mode.PROXIED)""",
                                act("uploadAvatarComplete"),
                                act("attach")));
        assertThat(c).succeededWithoutWarnings();
        List<UploadDeclaration> uploads = load(c).actions().uploads();
        assertEquals(
                List.of(
                        new UploadDeclaration(
                                "avatar",
                                List.of("image/png", ".jpg"),
                                1,
                                2_000_000L,
                                true,
                                "upload_avatar_complete"),
                        new UploadDeclaration(
                                "docs",
                                List.of(),
                                5,
                                10_000_000L,
                                false,
                                "attach",
                                UploadDeclaration.PROXIED)),
                uploads);
    }

    @Test
    void aControllerWithoutUploadsDeclaresNone() throws Exception {
        Compilation c = compile(SIMPLE_TEMPLATE, controller(act("add")));
        assertThat(c).succeeded();
        assertEquals(List.of(), load(c).actions().uploads());
    }

    @Test
    void anUndeclaredUploadInTheTemplateIsAnErrorAtItsPosition() {
        String t = FILE_INPUT.formatted("avatr");
        Compilation c =
                compile(
                        t,
                        controllerWith("@Upload(name = \"avatar\")", act("uploadAvatarComplete")));
        assertThat(c).failed();
        ProcessorHarness.assertOnlyError(
                c,
                file(),
                t,
                3,
                32,
                "TodoController declares no upload \"avatr\" (did you mean \"avatar\"?)");
    }

    @Test
    void aTemplateUploadWithoutAnyDeclarationSaysWhatToAdd() {
        String t = FILE_INPUT.formatted("attachment");
        Compilation c = compile(t, controller(act("add")));
        assertThat(c).failed();
        assertEquals(
                file()
                        + ":3:32: TodoController declares no upload \"attachment\":"
                        + " lvt-upload=\"attachment\" sends its files there; add"
                        + " @Upload(name = \"attachment\") to TodoController",
                firstLine(onlyError(c)));
    }

    record BadDeclaration(String annotation, String error) {}

    @Test
    void badDeclarationsAreReportedOnTheController() {
        List<BadDeclaration> cases =
                List.of(
                        new BadDeclaration(
                                "@Upload(name = \"my avatar\", action = \"add\")",
                                "upload name \"my avatar\" must be letters, digits, '_' or '-'"),
                        new BadDeclaration(
                                "@Upload(name = \"a\", action = \"add\") @Upload(name = \"a\","
                                        + " action = \"add\")",
                                "upload \"a\" is declared twice"),
                        new BadDeclaration(
                                "@Upload(name = \"a\", accept = \"png\", action = \"add\")",
                                "accept entry \"png\" is neither a MIME type"),
                        new BadDeclaration(
                                "@Upload(name = \"a\", maxEntries = 0, action = \"add\")",
                                "maxEntries must be at least 1, not 0"),
                        new BadDeclaration(
                                "@Upload(name = \"a\", maxFileSize = -1, action = \"add\")",
                                "maxFileSize must be at least 1 byte, not -1"),
                        new BadDeclaration(
                                "@Upload(name = \"avatar\")",
                                "TodoController has no action \"upload_avatar_complete\" to receive"
                                        + " upload \"avatar\"; add public S"
                                        + " uploadAvatarComplete(S state, Context ctx)"));
        for (BadDeclaration bad : cases) {
            Compilation c = compile(SIMPLE_TEMPLATE, controllerWith(bad.annotation(), act("add")));
            assertThat(c).failed();
            assertHas(errors(c), bad.error());
        }
    }
}
