package io.github.livetemplate.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A controller that records field errors or flash its page cannot show gets a warning with the fix,
 * on the method that records them; a page that can show them (a component of that type, or a
 * template using .lvt) gets none.
 */
class UnshownPageDataTest extends ControllerFixture {
    private static final String SAVE_WITH_ERROR =
            "public TodoState save(TodoState s, Context ctx) {\n"
                    + "  ctx.error(\"last\", \"required\");\n  return s;\n}\n";
    private static final String NOTE_WITH_FLASH =
            "public TodoState note(TodoState s, Context c) {\n"
                    + "  if (s.count() > 0) { c.flash(\"saved\", \"ok\"); }\n  return s;\n}\n";

    private static final String PLAIN = STATE;
    private static final String WITH_ERRORS =
            STATE.replace(
                    "TodoState(String last, int count)",
                    "TodoState(String last, int count,"
                            + " io.github.livetemplate.runtime.FieldErrors errors)");
    private static final String WITH_FLASH =
            STATE.replace(
                    "TodoState(String last, int count)",
                    "TodoState(String last, int count, io.github.livetemplate.runtime.Flash flash)");

    static Stream<Arguments> cases() {
        return Stream.of(
                // state, template, controller members, warnings (start of each)
                Arguments.of(
                        "error without FieldErrors",
                        PLAIN,
                        SIMPLE_TEMPLATE,
                        List.of(SAVE_WITH_ERROR),
                        List.of(
                                "ctx.error(...) records messages the page cannot show: TodoState"
                                        + " has no FieldErrors component and app/todo.tmpl does"
                                        + " not use .lvt")),
                Arguments.of(
                        "flash without Flash (any Context parameter name)",
                        PLAIN,
                        SIMPLE_TEMPLATE,
                        List.of(NOTE_WITH_FLASH),
                        List.of("ctx.flash(...) sets messages the page cannot show: TodoState")),
                Arguments.of(
                        "error and flash, the state has Flash: only the error warns",
                        WITH_FLASH,
                        SIMPLE_TEMPLATE,
                        List.of(SAVE_WITH_ERROR, NOTE_WITH_FLASH),
                        List.of("ctx.error(...) records messages the page cannot show")),
                Arguments.of(
                        "a FieldErrors component shows errors",
                        WITH_ERRORS,
                        SIMPLE_TEMPLATE,
                        List.of(SAVE_WITH_ERROR),
                        List.of()),
                Arguments.of(
                        "a template using .lvt (here in a comment) shows both",
                        PLAIN,
                        SIMPLE_TEMPLATE + "{{/* errors come from {{.lvt */}}\n",
                        List.of(SAVE_WITH_ERROR, NOTE_WITH_FLASH),
                        List.of()),
                Arguments.of(
                        "a controller that records none",
                        PLAIN,
                        SIMPLE_TEMPLATE,
                        List.of(act("save")),
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void warnsWhenThePageCannotShowWhatTheControllerRecords(
            String name,
            String state,
            String template,
            List<String> members,
            List<String> warnings) {
        Compilation c =
                compileWithState(state, template, controller(members.toArray(String[]::new)));

        assertThat(c).succeeded();
        List<String> got =
                c.warnings().stream()
                        .map(d -> d.getMessage(Locale.ROOT))
                        .filter(m -> m.startsWith("ctx."))
                        .toList();
        assertEquals(warnings.size(), got.size(), got.toString());
        for (int i = 0; i < warnings.size(); i++) {
            String w = got.get(i);
            assertEquals(true, w.startsWith(warnings.get(i)), w);
            assertEquals(true, w.contains("; add a component"), "names the fix: " + w);
        }
    }
}
