package io.github.livetemplate.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kind of template mistake is a compile error shaped like javac's own: {@code path:line:col:
 * error: message}, the template line, and a caret under the column, attached to the annotated
 * record. Checking goes on after an error so one build reports every mistake.
 */
class TemplateErrorsTest {
    /** The resource path the record below reads its template from. */
    private static final String PATH = "errs/t.tmpl";

    private static final String STATE =
            """
      package errs;

      import io.github.livetemplate.LiveTemplate;
      import java.util.List;

      @LiveTemplate("t.tmpl")
      public record TodosState(String title, int count, List<String> items, boolean done) {
        public String greet(String who) {
          return "hi " + who;
        }
      }
      """;

    @TempDir Path root;

    // ------------------------------------------------------------------ errors at positions

    /** An error expected exactly: {@code path:line:col: message}, line, caret. */
    record At(int line, int col, String message) {}

    /** A template (for the record in {@code source}) and every error it gives, in any order. */
    record Case(String name, String record, String source, String template, List<At> errors) {
        @Override
        public String toString() {
            return name;
        }

        /** The same template read by another record. */
        Case in(String otherRecord, String otherSource) {
            return new Case(name, otherRecord, otherSource, template, errors);
        }
    }

    private static Case row(String name, String template, int line, int col, String message) {
        return row(name, template, new At(line, col, message));
    }

    private static Case row(String name, String template, At... errors) {
        return new Case(name, "TodosState", STATE, template, List.of(errors));
    }

    private static At at(int line, int col, String message) {
        return new At(line, col, message);
    }

    static Stream<Case> singleErrors() {
        return Stream.of(
                row("unclosedActionAtEndOfFile", "<p>{{.Title", 1, 12, "unclosed action"),
                row(
                        "unclosedActionFollowedByHtmlReportsTheFirstBadCharacterLikeGo",
                        "<p>{{.Title</p>",
                        1,
                        12,
                        "bad character U+003C '<'"),
                row("unmatchedEnd", "<p>{{end}}</p>", 1, 6, "unexpected {{end}}"),
                row("strayElse", "<p>{{else}}</p>", 1, 6, "unexpected {{else}}"),
                row(
                        "missingEndPointsAtTheUnclosedAction",
                        "<div>\n{{if .Done}}\n<p>x</p>\n</div>",
                        2,
                        3,
                        "unexpected EOF: missing {{end}} for {{if}} started at 2:3"),
                row(
                        "pipeWithoutCommand",
                        "<p>{{.Title | }}</p>",
                        1,
                        15,
                        "missing command after \"|\" in command"),
                row(
                        "unterminatedString",
                        "<p>{{printf \"abc}}</p>",
                        1,
                        13,
                        "unterminated quoted string"),
                row(
                        "unterminatedRawString",
                        "<p>{{`abc</p>",
                        1,
                        6,
                        "unterminated raw quoted string"),
                row("ifWithoutCondition", "{{if}}x{{end}}", 1, 5, "missing value for if"),
                row("undefinedVariable", "<p>{{$x}}</p>", 1, 6, "undefined variable \"$x\""),
                row(
                        "duplicateDefinition",
                        "{{define \"a\"}}y{{end}}{{define \"a\"}}x{{end}}",
                        1,
                        32,
                        "template: multiple definition of template \"a\""),
                row(
                        "unknownFieldSuggestsTheComponent",
                        "<h1>{{.Titel}}</h1>",
                        1,
                        7,
                        "TodosState has no component 'Titel' (did you mean 'title'?)"),
                row(
                        "unknownFieldOfAComponentType",
                        "<p>{{.Title.Foo}}</p>",
                        1,
                        6,
                        "String has no method 'Foo'"),
                row(
                        "unknownFunctionSuggestsABuiltIn",
                        "<p>{{lenn .Items}}</p>",
                        1,
                        6,
                        "function \"lenn\" not defined (did you mean 'len'?)"),
                row(
                        "builtInWithTooManyArguments",
                        "<p>{{len .Items .Title}}</p>",
                        1,
                        6,
                        "len takes 1 argument, got 2"),
                row(
                        "methodWithTooFewArguments",
                        "<p>{{.Greet}}</p>",
                        1,
                        6,
                        "method greet of TodosState takes 1 argument, got 0"),
                row(
                        "methodWithTooManyArguments",
                        "<p>{{.Greet .Title .Title}}</p>",
                        1,
                        6,
                        "method greet of TodosState takes 1 argument, got 2"),
                row(
                        "componentGivenAnArgumentThroughAPipe",
                        "<p>{{3 | .Title}}</p>",
                        1,
                        10,
                        "method title of TodosState takes 0 arguments, got 1"),
                row(
                        "methodArgumentOfTheWrongType",
                        "<p>{{.Greet 3}}</p>",
                        1,
                        6,
                        "argument 1 of greet() must be String, not int"),
                row(
                        "builtInArgumentOfTheWrongType",
                        "<p>{{index .Items \"a\"}}</p>",
                        1,
                        6,
                        "index of List<String> needs an integer, not String"),
                row(
                        "lenOfAnInt",
                        "<p>{{len .Count}}</p>",
                        1,
                        6,
                        "len of int: it needs a string, collection, map or array"),
                row(
                        "equalityOfIncompatibleTypes",
                        "<p>{{if eq .Title 3}}x{{end}}</p>",
                        1,
                        9,
                        "incompatible types for comparison: String and int"),
                row(
                        "orderingOfIncompatibleTypes",
                        "{{if lt .Title .Count}}x{{end}}",
                        1,
                        6,
                        "incompatible types for comparison: String and int"),
                row(
                        "assigningAValueOfAnotherType",
                        "{{$x := 1}}{{$x = \"s\"}}",
                        1,
                        14,
                        "can't assign String to $x of type int"),
                row(
                        "undefinedTemplateSuggestsADefinedOne",
                        "<p>{{template \"rowz\"}}</p>{{define \"row\"}}x{{end}}",
                        1,
                        6,
                        "no such template \"rowz\" (did you mean \"row\"?)"),
                row(
                        "breakAfterTheRowsStartIsNotSupported",
                        "<ul>{{range .Items}}<li data-key=\"{{.}}\">{{if eq . \"x\"}}{{break}}{{end}}"
                                + "{{.}}</li>{{end}}</ul>",
                        1,
                        59,
                        "{{break}} and {{continue}} are supported only as {{if cond}}{{continue}}{{end}} or "
                                + "{{if cond}}{{break}}{{end}} at the start of a {{range}} body; "
                                + "elsewhere, filter the list in Java (a record method)"),
                row(
                        "continueInAnElseIsNotSupported",
                        "<ul>{{range .Items}}{{if eq . \"x\"}}x{{else}}{{continue}}{{end}}"
                                + "<li data-key=\"{{.}}\">{{.}}</li>{{end}}</ul>",
                        1,
                        47,
                        "{{break}} and {{continue}} are supported only as {{if cond}}{{continue}}{{end}} or "
                                + "{{if cond}}{{break}}{{end}} at the start of a {{range}} body; "
                                + "elsewhere, filter the list in Java (a record method)"),
                row(
                        "continueWithARangeElseIsNotSupported",
                        "<ul>{{range .Items}}{{if eq . \"x\"}}{{continue}}{{end}}"
                                + "<li data-key=\"{{.}}\">{{.}}</li>{{else}}none{{end}}</ul>",
                        1,
                        38,
                        "{{break}} and {{continue}} in a {{range}} with an {{else}} are not "
                                + "supported (Go runs the else only for an empty collection, not "
                                + "when every row is skipped)"),
                row(
                        "continueWithAnIndexIsNotSupported",
                        "<ul>{{range $i, $v := .Items}}{{if eq $v \"x\"}}{{continue}}{{end}}"
                                + "<li data-key=\"{{$v}}\">{{$i}}</li>{{end}}</ul>",
                        1,
                        49,
                        "{{continue}} with an index variable is not supported: the rows after a"
                                + " skipped one would be numbered differently from Go"),
                row(
                        "dynamicTagName",
                        "<{{.Title}}>x</p>",
                        1,
                        4,
                        "a dynamic value cannot form a tag name; write the tag name in "
                                + "the template and use {{if}} to choose between tags"),
                row(
                        "dynamicEndTagName",
                        "<p>x</{{.Title}}>",
                        1,
                        9,
                        "a dynamic value cannot form a tag name; write the tag name in "
                                + "the template and use {{if}} to choose between tags"),
                row(
                        "dynamicValueInAJavaScriptTemplateLiteral",
                        "<script>var x = `{{.Title}}`;</script>",
                        1,
                        20,
                        "a dynamic value inside a JavaScript template literal (`...`) "
                                + "is not supported; use a quoted string or concatenation instead"),
                row(
                        "branchesEndingInDifferentContexts",
                        "<p>{{if .Done}}<a href=\"{{else}}<b>{{end}}x</b></p>",
                        1,
                        6,
                        "the branches of this {{if}} end in different HTML contexts (for "
                                + "example one closes a tag or quote the other leaves open)"),
                row(
                        "failedWithValueDoesNotCauseFollowOnErrors",
                        "{{with .Missing}}<p>{{.Foo}}</p>{{end}}",
                        1,
                        8,
                        "TodosState has no component 'Missing'"),
                // The exact first line leaves no room for a "did you mean".
                row(
                        "unknownFieldWithNothingCloseHasNoSuggestion",
                        "<p>{{.Bogus}}</p>",
                        1,
                        6,
                        "TodosState has no component 'Bogus'"),
                // The expected caret line keeps the template's tab.
                row(
                        "caretKeepsTabsSoItLinesUp",
                        "<div>\n\t<p>{{.Titel}}</p>\n</div>",
                        2,
                        7,
                        "TodosState has no component 'Titel' (did you mean 'title'?)"),
                row(
                                "methodsDifferingOnlyInCaseAreAmbiguous",
                                "<p>{{.Total}}</p>",
                                1,
                                6,
                                "'Total' is ambiguous in Totals: it matches total(), TOTAL()")
                        .in(
                                "Totals",
                                """
                package errs;

                import io.github.livetemplate.LiveTemplate;

                @LiveTemplate("t.tmpl")
                public record Totals(int a) {
                  public int total() { return 1; }
                  public int TOTAL() { return 2; }
                }
                """),
                row(
                                "getterAndIsGetterAreAmbiguous",
                                "<p>{{.Ready}}</p>",
                                1,
                                6,
                                "'Ready' is ambiguous in Flags: it matches getReady(), isReady()")
                        .in(
                                "Flags",
                                """
                package errs;

                import io.github.livetemplate.LiveTemplate;

                @LiveTemplate("t.tmpl")
                public record Flags(int a) {
                  public boolean getReady() { return true; }
                  public boolean isReady() { return true; }
                }
                """),
                row(
                        "lvtUnknownMethod",
                        "<p>{{.lvt.Upload}}</p>",
                        1,
                        6,
                        "TemplateContext has no method 'Upload' (did you mean 'uploads'?)"),
                row(
                        "lvtHelperNeedsItsArgument",
                        "<p>{{.lvt.Uploads}}</p>",
                        1,
                        6,
                        "method uploads of TemplateContext takes 1 argument, got 0"),
                row("lvtTakesNoArguments", "<p>{{.lvt 1}}</p>", 1, 6, ".lvt takes no arguments"),
                row(
                        "rangeOverABoolean",
                        "<ul>{{range .Done}}<li>x</li>{{end}}</ul>",
                        1,
                        7,
                        "range can't iterate over boolean: it needs a List, Iterable, array, Map or integer"),
                row(
                        "printingAList",
                        "<p>{{.Items}}</p>",
                        1,
                        6,
                        "can't print a value of type List<String>: range over it, or print one of "
                                + "its elements"),
                row(
                        "printingAListInAnAttribute",
                        "<a href=\"{{.Items}}\">x</a>",
                        1,
                        12,
                        "can't print a value of type List<String>: range over it, or print one of "
                                + "its elements"),
                row(
                        "recursiveTemplateWithoutAValue",
                        "{{define \"a\"}}<i>{{template \"a\"}}</i>{{end}}<p>{{template \"a\"}}</p>",
                        1,
                        50,
                        "template \"a\" calls itself, so it needs a value: pass one, as in"
                                + " {{template \"a\" .}}"),
                row(
                        "templatesCallingEachOtherWithoutAValue",
                        "{{define \"a\"}}<i>{{template \"b\"}}</i>{{end}}"
                                + "{{define \"b\"}}{{template \"a\"}}{{end}}<p>{{template \"a\"}}</p>",
                        1,
                        87,
                        "template \"a\" calls itself, so it needs a value: pass one, as in"
                                + " {{template \"a\" .}}"),
                row(
                        "recursiveTemplateCalledWithAnotherType",
                        "{{define \"a\"}}{{.Title}}{{template \"a\" .Count}}{{end}}{{template \"a\" .}}",
                        1,
                        27,
                        "template \"a\" calls itself with int where its outer call passes"
                                + " TodosState; a recursive template takes one type"));
    }

    /** Checking goes on after an error, so one build reports every mistake. */
    static Stream<Case> severalErrors() {
        return Stream.of(
                row(
                        "everyErrorIsReportedNotJustTheFirst",
                        """
            <h1>{{.Titel}}</h1>
            <p>{{.Cont}}</p>
            <ul>{{range .Itms}}<li>{{.}}</li>{{end}}</ul>
            """,
                        at(1, 7, "TodosState has no component 'Titel' (did you mean 'title'?)"),
                        at(2, 6, "TodosState has no component 'Cont' (did you mean 'count'?)"),
                        at(3, 13, "TodosState has no component 'Itms' (did you mean 'items'?)")),
                row(
                        "errorsOfDifferentKindsInOneTemplateAreAllReported",
                        """
            <p>{{.Title}}</p>
            <p>{{.Bogus}}</p>
            <p>{{nofunc 1}}</p>
            <ul>{{range .Done}}<li>x</li>{{end}}</ul>
            {{if .Nope}}{{.A}}{{else}}{{.B}}{{end}}
            """,
                        at(2, 6, "TodosState has no component 'Bogus'"),
                        at(3, 6, "function \"nofunc\" not defined"),
                        at(
                                4,
                                7,
                                "range can't iterate over boolean: it needs a List, Iterable, array, Map or integer"),
                        at(5, 6, "TodosState has no component 'Nope' (did you mean 'done'?)"),
                        at(5, 15, "TodosState has no component 'A'"),
                        at(5, 29, "TodosState has no component 'B'")),
                row(
                        "failedRangeCollectionStillChecksTheBody",
                        "{{range .Missing}}<li>{{$.Bogus}}</li>{{end}}",
                        at(1, 9, "TodosState has no component 'Missing'"),
                        at(1, 25, "TodosState has no component 'Bogus'")),
                row(
                        "bodyInsideAConditional",
                        "<!DOCTYPE html>\n<html>\n{{if .Done}}<body>{{end}}\n</html>",
                        at(
                                3,
                                13,
                                "<body> and </body> must not be inside {{if}}, {{with}} or {{range}}"),
                        at(
                                1,
                                1,
                                "the template starts like a full document but has no <body> tag")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"singleErrors", "severalErrors"})
    void reportsEachErrorAtItsPosition(Case c) {
        Compilation compilation = compile(c.template(), c.record(), c.source());
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(c.errors().size());
        for (At e : c.errors()) {
            ProcessorHarness.assertError(
                    compilation, file(), c.template(), e.line(), e.col(), e.message());
        }
    }

    // ------------------------------------------------------------------ no error

    /** A template that compiles without warnings, and its HTML for one state. */
    record Renders(
            String name,
            String record,
            String source,
            String template,
            Object[] state,
            String html) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Renders> noErrors() {
        return Stream.of(
                // Not ambiguous by design: an exact (case-insensitive) name beats a getXxx()
                // method.
                new Renders(
                        "componentWinsOverGetterOfTheSameName",
                        "Person",
                        """
            package errs;

            import io.github.livetemplate.LiveTemplate;

            @LiveTemplate("t.tmpl")
            public record Person(String name) {
              public String getName() { return "x"; }
            }
            """,
                        "<p>{{.Name}}</p>",
                        new Object[] {"Ann"},
                        "<p>Ann</p>"),
                new Renders(
                        "rangeWithDataKeyDoesNotWarn",
                        "TodosState",
                        STATE,
                        "<ul>{{range .Items}}<li data-key=\"{{.}}\">{{.}}</li>{{end}}</ul>",
                        new Object[] {"t", 0, List.of("a", "b"), false},
                        "<ul><li data-key=\"a\">a</li><li data-key=\"b\">b</li></ul>"),
                // A value where an attribute name may start is a name (Go's htmlNameFilter).
                new Renders(
                        "dynamicAttributeNameIsAPlainName",
                        "TodosState",
                        STATE,
                        "<div {{.Title}}>x</div><p {{.Title}}=\"x\">y</p>",
                        new Object[] {"Hidden", 0, List.of(), false},
                        "<div hidden>x</div><p hidden=\"x\">y</p>"),
                new Renders(
                        "dynamicAttributeNameThatIsNotPlainIsBlocked",
                        "TodosState",
                        STATE,
                        "<div {{.Title}}>x</div>",
                        new Object[] {"onclick", 0, List.of(), false},
                        "<div ZgotmplZ>x</div>"),
                // The row's first tag goes on past the '>' inside the quoted title.
                new Renders(
                        "rowKeyAfterAQuotedGreaterThanIsFound",
                        "TodosState",
                        STATE,
                        "<ul>{{range .Items}}<li title=\"a>b\" data-key=\"{{.}}\">{{.}}</li>{{end}}</ul>",
                        new Object[] {"t", 0, List.of("a"), false},
                        "<ul><li title=\"a>b\" data-key=\"a\">a</li></ul>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("noErrors")
    void compilesAndRenders(Renders r) throws Exception {
        new ProcessorHarness(root)
                .assertHtml(
                        PATH, r.template(), "errs." + r.record(), r.source(), r.html(), r.state());
    }

    // ------------------------------------------------------------------ document errors and
    // warnings

    @Test
    void unclosedBodyIsOneErrorAtTheEndOfTheTemplate() {
        String t = "<!DOCTYPE html>\n<html>\n<body>\n<p>{{.Title}}</p>\n</html>\n";
        Compilation c = compile(t);
        assertThat(c).failed();
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining(": missing </body>");
        String header = errors(c).get(0).lines().findFirst().orElseThrow();
        assertFalse(header.startsWith(file() + ":1:1:"), "points at the doctype: " + header);
        // End of the template: after the final newline, or at the last line.
        assertTrue(
                header.startsWith(file() + ":6:1:") || header.startsWith(file() + ":5:"), header);
    }

    @Test
    void unclosedAttributeWarningPointsAtTheAttribute() {
        String t = "<div>\n<p>{{.Title}}</p>\n<a href=\"x";
        Compilation c = compile(t);
        assertThat(c).succeeded();
        assertThat(c).hadWarningCount(1);
        String warning = c.warnings().get(0).getMessage(Locale.ROOT);
        assertTrue(warning.startsWith(file() + ":3:"), "points at the unclosed <a: " + warning);
        assertFalse(warning.contains("attr_value"), "internal state name: " + warning);
    }

    @Test
    void templateCalledWithoutAValueExplainsTheNilDot() {
        String t = "{{template \"x\"}}{{define \"x\"}}{{.Title}}{{end}}";
        Compilation c = compile(t);
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("nil");
        assertThat(c).hadErrorContaining("{{template \"x\" .}}");
    }

    // ------------------------------------------------------------------ the record side

    @Test
    void missingTemplateFileSaysWhereItLooked() {
        JavaFileObject source =
                JavaFileObjects.forSourceString(
                        "errs.TodosState", STATE.replace("\"t.tmpl\"", "\"missing.tmpl\""));
        Compilation c = javac().compile(source);
        assertThat(c).failed();
        assertThat(c).hadErrorCount(1);
        assertThat(c)
                .hadErrorContaining(
                        "template errs/missing.tmpl not found (looked in "
                                + "CLASS_OUTPUT, SOURCE_PATH, CLASS_PATH, "
                                + root
                                + ")");
        assertThat(c)
                .hadErrorContaining(
                        "put it in src/main/resources/errs/missing.tmpl or pass "
                                + "-Alivetemplate.templateRoot=<resources folder>");
        assertThat(c)
                .hadErrorContaining("not found")
                .inFile(source)
                .onLineContaining("@LiveTemplate(\"missing.tmpl\")");
    }

    @Test
    void annotationOnAClass() {
        JavaFileObject source =
                JavaFileObjects.forSourceString(
                        "errs.Page",
                        """
        package errs;

        import io.github.livetemplate.LiveTemplate;

        @LiveTemplate("t.tmpl")
        public class Page {}
        """);
        write("<p>x</p>");
        Compilation c = javac().compile(source);
        assertThat(c).failed();
        assertThat(c).hadErrorCount(1);
        assertThat(c)
                .hadErrorContaining(
                        "@LiveTemplate must annotate a record (the state is "
                                + "immutable so renderers can compare it field by field)")
                .inFile(source)
                .onLineContaining("@LiveTemplate(\"t.tmpl\")");
    }

    @Test
    void templateErrorIsAttachedToTheRecordSource() {
        String t = "<p>{{.Titel}}</p>";
        write(t);
        JavaFileObject source =
                JavaFileObjects.forSourceString(
                        "errs.TodosState",
                        """
        package errs;

        import io.github.livetemplate.LiveTemplate;

        @LiveTemplate("t.tmpl") public record TodosState(String title) {}
        """);
        Compilation c = javac().compile(source);
        assertThat(c)
                .hadErrorContaining(file() + ":1:6: TodosState has no component 'Titel'")
                .inFile(source)
                .onLineContaining("record TodosState");
    }

    @Test
    void templateErrorIsAttachedToTheAnnotation() {
        String t = "<p>{{.Titel}}</p>";
        write(t);
        JavaFileObject source = JavaFileObjects.forSourceString("errs.TodosState", STATE);
        Compilation c = javac().compile(source);
        assertThat(c)
                .hadErrorContaining(file() + ":1:6: TodosState has no component 'Titel'")
                .inFile(source)
                .onLineContaining("@LiveTemplate(\"t.tmpl\")");
    }

    /** Templates that once crashed the processor give proper diagnostics. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "{{with .Missing}}<p>{{.Foo}}</p>{{end}}",
                "{{range .Missing}}<li>{{$.Bogus}}</li>{{end}}",
                "{{template \"x\"}}{{define \"x\"}}{{.Title}}{{end}}",
                "<!DOCTYPE html><html><body><p>{{.Title}}</p>",
                "<p>{{.Title | }}</p>",
                "{{len 3}}",
                "<p>{{(.Greet \"a\").Foo}}</p>",
                "{{block \"b\" .}}{{.Nope}}{{end}}"
            })
    void noInternalErrors(String t) {
        Compilation c = compile(t);
        for (String e : errors(c)) {
            assertFalse(e.contains("LiveTemplate failed"), t + " crashed the processor:\n" + e);
        }
        assertThat(c).failed();
    }

    // ------------------------------------------------------------------ warnings

    @Test
    void rangeWithoutDataKeyWarns() {
        String t = "<ul>{{range .Items}}<li>{{.}}</li>{{end}}</ul>";
        Compilation c = compile(t);
        assertThat(c).succeeded();
        assertThat(c)
                .hadWarningContaining(
                        file()
                                + ":1:7: the rows of {{range .Items}} have "
                                + "no data-key, so they are keyed by position");
        assertThat(c)
                .hadWarningContaining(
                        "add data-key=\"{{.ID}}\" (a unique value) to the row's "
                                + "first element");
        assertTrue(c.generatedSourceFile("errs.TodosStateRenderer").isPresent());
    }

    // ------------------------------------------------------------------ helpers

    /** The file messages name: the template as written under the template root. */
    private String file() {
        return root.resolve(PATH).toString();
    }

    private Compiler javac() {
        return Compiler.javac()
                .withProcessors(new LiveTemplateProcessor())
                .withOptions("-Alivetemplate.templateRoot=" + root);
    }

    private void write(String template) {
        try {
            Path file = root.resolve(PATH);
            Files.createDirectories(file.getParent());
            Files.writeString(file, template, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Compilation compile(String template) {
        return compile(template, "TodosState", STATE);
    }

    private Compilation compile(String template, String record, String source) {
        return new ProcessorHarness(root).compile(PATH, template, "errs." + record, source);
    }

    private static List<String> errors(Compilation c) {
        return ProcessorHarness.errors(c);
    }
}
