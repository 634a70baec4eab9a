package io.github.livetemplate.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The client's value typing (docs/protocol.md §4.4), one row per spelling. */
class ClientValuesTest {
    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of("42", 42L),
                Arguments.of(" 42 ", 42L),
                Arguments.of("-7", -7L),
                Arguments.of("3.5", 3.5),
                Arguments.of("007", "007"),
                Arguments.of("1.50", "1.50"),
                Arguments.of("1e3", "1e3"),
                Arguments.of("-0", "-0"),
                Arguments.of("9007199254740991", 9007199254740991L),
                Arguments.of("9007199254740992", "9007199254740992"),
                Arguments.of("0.0000001", "0.0000001"),
                Arguments.of("true", true),
                Arguments.of("false", false),
                Arguments.of(" true", " true"),
                Arguments.of("", ""),
                Arguments.of("t1", "t1"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("values")
    void aStringIsSentAsTheClientWouldSendIt(String text, Object sent) {
        assertEquals(sent, ClientValues.parse(text));
    }
}
