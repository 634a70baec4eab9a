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
 * A submit button named {@code reset} hides its form's {@code reset()} method in the browser (named
 * access on forms), which the client calls after every successful submit: the processor warns at
 * the button; other names and reset-type buttons get no warning.
 */
class ControlNamedResetTest extends ControllerFixture {

    static Stream<Arguments> cases() {
        return Stream.of(
                // template, the warnings expected
                Arguments.of(
                        "<form method=\"post\"><button name=\"reset\">Reset</button></form>\n",
                        List.of("<button name=\"reset\"> hides its form's reset() method")),
                Arguments.of(
                        "<form method=\"post\"><button name=\"clear\">Reset</button></form>\n",
                        List.of()),
                Arguments.of(
                        "<form method=\"post\"><button type=\"reset\" name=\"reset\">R</button>"
                                + "<button name=\"clear\">OK</button></form>\n",
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void warnsAtASubmitButtonNamedReset(String template, List<String> warnings) {
        Compilation c = compileWithState(STATE, template, controller(act("reset"), act("clear")));

        assertThat(c).succeeded();
        List<String> got =
                c.warnings().stream()
                        .map(d -> d.getMessage(Locale.ROOT))
                        .filter(m -> m.contains("reset()"))
                        .toList();
        assertEquals(warnings.size(), got.size(), got.toString());
        for (int i = 0; i < warnings.size(); i++) {
            assertEquals(true, got.get(i).contains(warnings.get(i)), got.get(i));
        }
    }
}
