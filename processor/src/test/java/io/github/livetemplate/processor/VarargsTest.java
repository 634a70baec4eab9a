package io.github.livetemplate.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Varargs methods and functions take zero or more trailing arguments, as Go's variadic functions
 * do: {@code {{.Any "a" "b"}}}, {@code {{cat}}}. Each trailing argument is typed against the
 * component type; a wrong one is a compile error naming its position.
 */
class VarargsTest {
    private static final String PATH = "va/t.tmpl";

    private static final String STATE =
            """
            package va;

            import io.github.livetemplate.LiveTemplate;
            import java.util.List;

            @LiveTemplate(value = "t.tmpl", functions = Fn.class)
            public record VaState(String title, int count, List<String> items) {
              public String any(String... fields) {
                return fields.length + ":" + String.join(",", fields);
              }
              public String label(String prefix, Object... parts) {
                return prefix + parts.length + java.util.Arrays.toString(parts);
              }
              public String pick(String one) {
                return "exact " + one;
              }
              public String pick(String... many) {
                return "varargs " + many.length;
              }
            }
            """;

    private static final String FUNCTIONS =
            """
            package va;

            import io.github.livetemplate.TemplateFunction;

            public final class Fn {
              private Fn() {}
              @TemplateFunction("cat")
              public static String concat(String... parts) {
                return String.join("", parts);
              }
              public static int count(Object... xs) {
                return xs.length;
              }
              public static String sum(int... xs) {
                return String.valueOf(java.util.stream.IntStream.of(xs).sum());
              }
              public static <T> String gen(T... xs) {
                return "gen" + xs.length;
              }
            }
            """;

    @TempDir Path root;

    private Compilation compile(String template) {
        return new ProcessorHarness(root)
                .compile(
                        PATH,
                        template,
                        List.of(),
                        List.of(
                                JavaFileObjects.forSourceString("va.VaState", STATE),
                                JavaFileObjects.forSourceString("va.Fn", FUNCTIONS)));
    }

    private ProcessorHarness.Rendering render(String template) throws Exception {
        Compilation c = compile(template);
        assertThat(c).succeededWithoutWarnings();
        return new ProcessorHarness.Rendering(
                new ProcessorHarness.GeneratedLoader(c), "va.VaState");
    }

    record Case(String name, String template, String html) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> renders() {
        return Stream.of(
                new Case("methodWithNoTrailingArgument", "{{.Any}}", "0:"),
                new Case("methodWithOne", "{{.Any \"a\"}}", "1:a"),
                new Case("methodWithSeveral", "{{.Any \"a\" \"b\" .Title}}", "3:a,b,T"),
                new Case("pipedValueIsTheLastArgument", "{{.Title | .Any \"x\"}}", "2:x,T"),
                new Case("fixedThenVarargs", "{{.Label \"p\" 1 .Title nil}}", "p3[1, T, null]"),
                new Case("fixedOnly", "{{.Label \"p\"}}", "p0[]"),
                new Case(
                        "aListIsOneElementOfObjectVarargs",
                        "{{.Label \"p\" .Items}}",
                        "p1[[a, b]]"),
                new Case("exactOverloadWins", "{{.Pick \"a\"}}", "exact a"),
                new Case("varargsOverloadForOtherCounts", "{{.Pick \"a\" \"b\"}}", "varargs 2"),
                new Case("functionWithNone", "[{{cat}}]", "[]"),
                new Case("functionWithSeveral", "{{cat \"a\" .Title \"c\"}}", "aTc"),
                new Case("objectVarargs", "{{count 1 \"x\" .Items nil}}", "4"),
                new Case("primitiveVarargs", "{{sum 1 2 .Count}}", "10"),
                new Case("genericVarargs", "{{gen 1 \"x\"}}", "gen2"),
                new Case("inAPipeline", "{{cat \"a\" \"b\" | printf \"%s!\"}}", "ab!"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void renders(Case c) throws Exception {
        ProcessorHarness.Rendering r = render("<p>" + c.template() + "</p>");
        assertEquals(
                r.wrapped("<p>" + c.html() + "</p>"), r.html("T", 7, List.of("a", "b")), c.name());
    }

    @Test
    void diffComparesTheVarargsElementsNotTheArray() throws Exception {
        ProcessorHarness.Rendering r = render("<p>{{cat \"a\" .Title}}</p><p>{{cat \"x\"}}</p>");
        Object s1 = r.state("T", 1, List.of());
        Object s2 = r.state("T", 2, List.of());
        Object s3 = r.state("U", 2, List.of());
        assertEquals("{}", r.renderer.diff(s1, s2));
        assertEquals("{\"0\":\"aU\"}", r.renderer.diff(s2, s3));
    }

    record Error(String name, String template, int col, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Error> errors() {
        return Stream.of(
                new Error(
                        "trailingArgumentOfTheWrongType",
                        "{{.Any \"a\" 3}}",
                        3,
                        "argument 2 of any() must be String, not int"),
                new Error(
                        "missingFixedArgument",
                        "{{.Label}}",
                        3,
                        "method label of VaState takes at least 1 argument, got 0"),
                new Error(
                        "functionTrailingArgumentOfTheWrongType",
                        "{{cat \"a\" .Count}}",
                        3,
                        "argument 2 of cat must be String, not int"),
                new Error(
                        "primitiveVarargsRefuseStrings",
                        "{{sum 1 \"x\"}}",
                        3,
                        "argument 2 of sum must be int, not String"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void refuses(Error e) {
        Compilation c = compile(e.template());
        ProcessorHarness.assertOnlyError(
                c, root.resolve(PATH).toString(), e.template(), 1, e.col(), e.message());
    }
}
