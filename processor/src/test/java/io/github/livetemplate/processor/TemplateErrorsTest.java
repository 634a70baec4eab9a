package io.github.livetemplate.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of template mistake is a compile error shaped like javac's own: {@code
 * path:line:col: error: message}, the template line, and a caret under the column, attached to
 * the annotated record. Checking goes on after an error so one build reports every mistake.
 */
class TemplateErrorsTest {
  /** The resource path the record below reads its template from. */
  private static final String PATH = "errs/t.tmpl";

  private static final String STATE = """
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

  // ------------------------------------------------------------------ syntax

  @Test
  void unclosedActionAtEndOfFile() {
    String t = "<p>{{.Title";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 12, "unclosed action");
  }

  @Test
  void unclosedActionFollowedByHtmlReportsTheFirstBadCharacterLikeGo() {
    String t = "<p>{{.Title</p>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 12, "bad character U+003C '<'");
  }

  @Test
  void unmatchedEnd() {
    String t = "<p>{{end}}</p>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 6, "unexpected {{end}}");
  }

  @Test
  void strayElse() {
    String t = "<p>{{else}}</p>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 6, "unexpected {{else}}");
  }

  @Test
  void missingEndPointsAtEndOfFileAndNamesTheOpener() {
    String t = "<div>\n{{if .Done}}\n<p>x</p>\n</div>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 4, 7, "unexpected EOF: missing {{end}} for {{if}} started at 2:3");
  }

  @Test
  void pipeWithoutCommand() {
    String t = "<p>{{.Title | }}</p>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 15, "missing command after \"|\" in command");
  }

  @Test
  void unterminatedString() {
    String t = "<p>{{printf \"abc}}</p>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 13, "unterminated quoted string");
  }

  @Test
  void unterminatedRawString() {
    String t = "<p>{{`abc</p>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 6, "unterminated raw quoted string");
  }

  @Test
  void ifWithoutCondition() {
    String t = "{{if}}x{{end}}";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 5, "missing value for if");
  }

  @Test
  void undefinedVariable() {
    String t = "<p>{{$x}}</p>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 6, "undefined variable \"$x\"");
  }

  @Test
  void duplicateDefinition() {
    String t = "{{define \"a\"}}y{{end}}{{define \"a\"}}x{{end}}";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 32, "template: multiple definition of template \"a\"");
  }

  // ------------------------------------------------------------------ names

  @Test
  void unknownFieldSuggestsTheComponent() {
    String t = "<h1>{{.Titel}}</h1>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 7, "TodosState has no component 'Titel' (did you mean 'title'?)");
  }

  @Test
  void unknownFieldWithNothingCloseHasNoSuggestion() {
    String t = "<p>{{.Bogus}}</p>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 6, "TodosState has no component 'Bogus'");
    assertFalse(errors(c).get(0).contains("did you mean"), errors(c).get(0));
  }

  @Test
  void unknownFieldOfAComponentType() {
    String t = "<p>{{.Title.Foo}}</p>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 6, "String has no method 'Foo'");
  }

  @Test
  void everyErrorIsReportedNotJustTheFirst() {
    String t = """
        <h1>{{.Titel}}</h1>
        <p>{{.Cont}}</p>
        <ul>{{range .Itms}}<li>{{.}}</li>{{end}}</ul>
        """;
    Compilation c = compile(t);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(3);
    assertError(c, t, 1, 7, "TodosState has no component 'Titel' (did you mean 'title'?)");
    assertError(c, t, 2, 6, "TodosState has no component 'Cont' (did you mean 'count'?)");
    assertError(c, t, 3, 13, "TodosState has no component 'Itms' (did you mean 'items'?)");
  }

  @Test
  void errorsOfDifferentKindsInOneTemplateAreAllReported() {
    String t = """
        <p>{{.Title}}</p>
        <p>{{.Bogus}}</p>
        <p>{{nofunc 1}}</p>
        <ul>{{range .Count}}<li>x</li>{{end}}</ul>
        {{if .Nope}}{{.A}}{{else}}{{.B}}{{end}}
        """;
    Compilation c = compile(t);
    assertThat(c).hadErrorCount(6);
    assertError(c, t, 2, 6, "TodosState has no component 'Bogus'");
    assertError(c, t, 3, 6, "function \"nofunc\" not defined");
    assertError(c, t, 4, 7, "range can't iterate over int: it needs a List, Iterable, array or Map");
    assertError(c, t, 5, 6, "TodosState has no component 'Nope' (did you mean 'done'?)");
    assertError(c, t, 5, 15, "TodosState has no component 'A'");
    assertError(c, t, 5, 29, "TodosState has no component 'B'");
  }

  @Test
  void caretKeepsTabsSoItLinesUp() {
    String t = "<div>\n\t<p>{{.Titel}}</p>\n</div>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 2, 7, "TodosState has no component 'Titel' (did you mean 'title'?)");
    List<String> lines = errors(c).get(0).lines().toList();
    assertTrue(lines.get(2).endsWith("\t     ^"), "caret line keeps the tab: " + lines.get(2));
  }

  @Test
  void methodsDifferingOnlyInCaseAreAmbiguous() {
    String t = "<p>{{.Total}}</p>";
    Compilation c = compile(t, "Totals", """
        package errs;

        import io.github.livetemplate.LiveTemplate;

        @LiveTemplate("t.tmpl")
        public record Totals(int a) {
          public int total() { return 1; }
          public int TOTAL() { return 2; }
        }
        """);
    assertOnlyError(c, t, 1, 6, "'Total' is ambiguous in Totals: it matches total(), TOTAL()");
  }

  @Test
  void getterAndIsGetterAreAmbiguous() {
    String t = "<p>{{.Ready}}</p>";
    Compilation c = compile(t, "Flags", """
        package errs;

        import io.github.livetemplate.LiveTemplate;

        @LiveTemplate("t.tmpl")
        public record Flags(int a) {
          public boolean getReady() { return true; }
          public boolean isReady() { return true; }
        }
        """);
    assertOnlyError(c, t, 1, 6, "'Ready' is ambiguous in Flags: it matches getReady(), isReady()");
  }

  @Test
  void componentWinsOverGetterOfTheSameName() {
    // Not ambiguous by design: an exact (case-insensitive) name beats a getXxx() method.
    Compilation c = compile("<p>{{.Name}}</p>", "Person", """
        package errs;

        import io.github.livetemplate.LiveTemplate;

        @LiveTemplate("t.tmpl")
        public record Person(String name) {
          public String getName() { return "x"; }
        }
        """);
    assertThat(c).succeeded();
  }

  // ------------------------------------------------------------------ functions and types

  @Test
  void unknownFunctionSuggestsABuiltIn() {
    String t = "<p>{{lenn .Items}}</p>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 6, "function \"lenn\" not defined (did you mean 'len'?)");
  }

  @Test
  void builtInWithTooManyArguments() {
    String t = "<p>{{len .Items .Title}}</p>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 6, "len takes 1 argument, got 2");
  }

  @Test
  void methodWithTooFewArguments() {
    String t = "<p>{{.Greet}}</p>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 6, "method greet of TodosState takes 1 argument, got 0");
  }

  @Test
  void methodWithTooManyArguments() {
    String t = "<p>{{.Greet .Title .Title}}</p>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 6, "method greet of TodosState takes 1 argument, got 2");
  }

  @Test
  void componentGivenAnArgumentThroughAPipe() {
    String t = "<p>{{3 | .Title}}</p>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 10, "method title of TodosState takes 0 arguments, got 1");
  }

  @Test
  void methodArgumentOfTheWrongType() {
    String t = "<p>{{.Greet 3}}</p>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 6, "argument 1 of greet() must be String, not int");
  }

  @Test
  void builtInArgumentOfTheWrongType() {
    String t = "<p>{{index .Items \"a\"}}</p>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 6, "index of List<String> needs an integer, not String");
  }

  @Test
  void lenOfAnInt() {
    String t = "<p>{{len .Count}}</p>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 6, "len of int: it needs a string, collection, map or array");
  }

  @Test
  void rangeOverAnInt() {
    String t = "<ul>{{range .Count}}<li>x</li>{{end}}</ul>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 7,
        "range can't iterate over int: it needs a List, Iterable, array or Map");
  }

  @Test
  void equalityOfIncompatibleTypes() {
    String t = "<p>{{if eq .Title 3}}x{{end}}</p>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 9, "incompatible types for comparison: String and int");
  }

  @Test
  void orderingOfIncompatibleTypes() {
    String t = "{{if lt .Title .Count}}x{{end}}";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 6, "incompatible types for comparison: String and int");
  }

  @Test
  void printingAList() {
    String t = "<p>{{.Items}}</p>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 6,
        "can't print a value of type List<String>: range over it, or print one of its elements");
  }

  @Test
  void printingAListInAnAttribute() {
    String t = "<a href=\"{{.Items}}\">x</a>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 12,
        "can't print a value of type List<String>: range over it, or print one of its elements");
  }

  @Test
  void assigningAValueOfAnotherType() {
    String t = "{{$x := 1}}{{$x = \"s\"}}";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 14, "can't assign String to $x of type int");
  }

  // ------------------------------------------------------------------ templates

  @Test
  void undefinedTemplateSuggestsADefinedOne() {
    String t = "<p>{{template \"rowz\"}}</p>{{define \"row\"}}x{{end}}";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 6, "no such template \"rowz\" (did you mean \"row\"?)");
  }

  @Test
  void templateCallingItself() {
    String t = "{{define \"a\"}}<i>{{template \"a\"}}</i>{{end}}<p>{{template \"a\"}}</p>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 20,
        "template \"a\" calls itself; recursive templates are not supported");
  }

  @Test
  void templatesCallingEachOther() {
    String t = "{{define \"a\"}}<i>{{template \"b\"}}</i>{{end}}"
        + "{{define \"b\"}}{{template \"a\"}}{{end}}<p>{{template \"a\"}}</p>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 61,
        "template \"a\" calls itself; recursive templates are not supported");
  }

  @Test
  void breakIsNotSupported() {
    String t = "<ul>{{range .Items}}{{if eq . \"x\"}}{{break}}{{end}}"
        + "<li data-key=\"{{.}}\">{{.}}</li>{{end}}</ul>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 38, "{{break}} and {{continue}} are not supported: filter the list "
        + "in Java (a record method) instead");
  }

  @Test
  void continueIsNotSupported() {
    String t = "<ul>{{range .Items}}{{if eq . \"x\"}}{{continue}}{{end}}"
        + "<li data-key=\"{{.}}\">{{.}}</li>{{end}}</ul>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 38, "{{break}} and {{continue}} are not supported: filter the list "
        + "in Java (a record method) instead");
  }

  // ------------------------------------------------------------------ HTML contexts

  @Test
  void dynamicTagName() {
    String t = "<{{.Title}}>x</p>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 4, "a dynamic value cannot form a tag name; write the tag name in "
        + "the template and use {{if}} to choose between tags");
  }

  @Test
  void dynamicEndTagName() {
    String t = "<p>x</{{.Title}}>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 9, "a dynamic value cannot form a tag name; write the tag name in "
        + "the template and use {{if}} to choose between tags");
  }

  @Test
  void dynamicAttributeName() {
    String t = "<p {{.Title}}=\"x\">x</p>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 6, "a dynamic value cannot form an attribute name; put {{if}} "
        + "around a static attribute instead (in <p>)");
  }

  @Test
  void dynamicBareAttribute() {
    String t = "<div {{.Title}}>x</div>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 8, "a dynamic value cannot form an attribute name; put {{if}} "
        + "around a static attribute instead (in <div>)");
  }

  @Test
  void dynamicValueInAJavaScriptTemplateLiteral() {
    String t = "<script>var x = `{{.Title}}`;</script>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 20, "a dynamic value inside a JavaScript template literal (`...`) "
        + "is not supported; use a quoted string or concatenation instead");
  }

  @Test
  void branchesEndingInDifferentContexts() {
    String t = "<p>{{if .Done}}<a href=\"{{else}}<b>{{end}}x</b></p>";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 6, "the branches of this {{if}} end in different HTML contexts (for "
        + "example one closes a tag or quote the other leaves open)");
  }

  @Test
  void bodyInsideAConditional() {
    String t = "<!DOCTYPE html>\n<html>\n{{if .Done}}<body>{{end}}\n</html>";
    Compilation c = compile(t);
    assertError(c, t, 3, 13,
        "<body> and </body> must not be inside {{if}}, {{with}} or {{range}}");
  }

  @Test
  void unclosedBodyIsAnError() {
    String t = "<!DOCTYPE html>\n<html>\n<body>\n<p>{{.Title}}</p>\n</html>\n";
    Compilation c = compile(t);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining(PATH + ":");
    assertThat(c).hadErrorContaining(": error: missing </body>");
  }

  @Test
  void unclosedBodyPointsAtTheEndOfTheTemplate() {
    String t = "<!DOCTYPE html>\n<html>\n<body>\n<p>{{.Title}}</p>\n</html>\n";
    Compilation c = compile(t);
    assertThat(c).hadErrorCount(1);
    String header = errors(c).get(0).lines().findFirst().orElseThrow();
    assertFalse(header.startsWith(PATH + ":1:1:"), "points at the doctype: " + header);
    // End of the template: after the final newline, or at the last line.
    assertTrue(header.startsWith(PATH + ":6:1:") || header.startsWith(PATH + ":5:"), header);
  }

  @Test
  void unclosedAttributeWarningPointsAtTheAttribute() {
    String t = "<div>\n<p>{{.Title}}</p>\n<a href=\"x";
    Compilation c = compile(t);
    assertThat(c).succeeded();
    assertThat(c).hadWarningCount(1);
    String warning = c.warnings().get(0).getMessage(Locale.ROOT);
    assertTrue(warning.startsWith(PATH + ":3:"), "points at the unclosed <a: " + warning);
    assertFalse(warning.contains("attr_value"), "internal state name: " + warning);
  }

  // ------------------------------------------------------------------ follow-on errors

  @Test
  void failedWithValueDoesNotCauseFollowOnErrors() {
    String t = "{{with .Missing}}<p>{{.Foo}}</p>{{end}}";
    Compilation c = compile(t);
    assertOnlyError(c, t, 1, 8, "TodosState has no component 'Missing'");
  }

  @Test
  void failedRangeCollectionStillChecksTheBody() {
    String t = "{{range .Missing}}<li>{{$.Bogus}}</li>{{end}}";
    Compilation c = compile(t);
    assertThat(c).hadErrorCount(2);
    assertError(c, t, 1, 9, "TodosState has no component 'Missing'");
    assertError(c, t, 1, 25, "TodosState has no component 'Bogus'");
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
    JavaFileObject source = JavaFileObjects.forSourceString("errs.TodosState",
        STATE.replace("\"t.tmpl\"", "\"missing.tmpl\""));
    Compilation c = javac().compile(source);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("template errs/missing.tmpl not found (looked in "
        + "CLASS_OUTPUT, SOURCE_PATH, CLASS_PATH, " + root + ")");
    assertThat(c).hadErrorContaining("put it in src/main/resources/errs/missing.tmpl or pass "
        + "-Alivetemplate.templateRoot=<resources folder>");
    assertThat(c).hadErrorContaining("not found").inFile(source)
        .onLineContaining("@LiveTemplate(\"missing.tmpl\")");
  }

  @Test
  void annotationOnAClass() {
    JavaFileObject source = JavaFileObjects.forSourceString("errs.Page", """
        package errs;

        import io.github.livetemplate.LiveTemplate;

        @LiveTemplate("t.tmpl")
        public class Page {}
        """);
    write("<p>x</p>");
    Compilation c = javac().compile(source);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("@LiveTemplate must annotate a record (the state is "
        + "immutable so renderers can compare it field by field)").inFile(source)
        .onLineContaining("@LiveTemplate(\"t.tmpl\")");
  }

  @Test
  void templateErrorIsAttachedToTheRecordSource() {
    String t = "<p>{{.Titel}}</p>";
    write(t);
    JavaFileObject source = JavaFileObjects.forSourceString("errs.TodosState", """
        package errs;

        import io.github.livetemplate.LiveTemplate;

        @LiveTemplate("t.tmpl") public record TodosState(String title) {}
        """);
    Compilation c = javac().compile(source);
    assertThat(c).hadErrorContaining(PATH + ":1:6: error: TodosState has no component 'Titel'")
        .inFile(source).onLineContaining("record TodosState");
  }

  @Test
  void templateErrorIsAttachedToTheAnnotation() {
    String t = "<p>{{.Titel}}</p>";
    write(t);
    JavaFileObject source = JavaFileObjects.forSourceString("errs.TodosState", STATE);
    Compilation c = javac().compile(source);
    assertThat(c).hadErrorContaining(PATH + ":1:6: error: TodosState has no component 'Titel'")
        .inFile(source).onLineContaining("@LiveTemplate(\"t.tmpl\")");
  }

  @Test
  void noInternalErrors() {
    // Every case above must be a proper diagnostic, never the processor's crash report.
    for (String t : List.of("{{with .Missing}}<p>{{.Foo}}</p>{{end}}",
        "{{range .Missing}}<li>{{$.Bogus}}</li>{{end}}", "{{template \"x\"}}{{define \"x\"}}{{.Title}}{{end}}",
        "<!DOCTYPE html><html><body><p>{{.Title}}</p>", "<p>{{.Title | }}</p>", "{{len 3}}",
        "<p>{{(.Greet \"a\").Foo}}</p>", "{{block \"b\" .}}{{.Nope}}{{end}}")) {
      Compilation c = compile(t);
      for (String e : errors(c)) {
        assertFalse(e.contains("LiveTemplate failed"), t + " crashed the processor:\n" + e);
      }
      assertThat(c).failed();
    }
  }

  // ------------------------------------------------------------------ warnings

  @Test
  void rangeWithoutDataKeyWarns() {
    String t = "<ul>{{range .Items}}<li>{{.}}</li>{{end}}</ul>";
    Compilation c = compile(t);
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining(PATH + ":1:7: warning: the rows of {{range .Items}} have "
        + "no data-key, so they are keyed by position");
    assertThat(c).hadWarningContaining("add data-key=\"{{.ID}}\" (a unique value) to the row's "
        + "first element");
    assertTrue(c.generatedSourceFile("errs.TodosStateRenderer").isPresent());
  }

  @Test
  void rangeWithDataKeyDoesNotWarn() {
    Compilation c = compile("<ul>{{range .Items}}<li data-key=\"{{.}}\">{{.}}</li>{{end}}</ul>");
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void rowKeyAfterAQuotedGreaterThanIsFound() {
    // The row's first tag goes on past the '>' inside the quoted title.
    Compilation c = compile("<ul>{{range .Items}}<li title=\"a>b\" data-key=\"{{.}}\">{{.}}</li>"
        + "{{end}}</ul>");
    assertThat(c).succeededWithoutWarnings();
  }

  // ------------------------------------------------------------------ helpers

  private Compiler javac() {
    return Compiler.javac().withProcessors(new LiveTemplateProcessor())
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
    write(template);
    return javac().compile(JavaFileObjects.forSourceString("errs." + record, source));
  }

  private static List<String> errors(Compilation c) {
    return c.errors().stream().map(d -> d.getMessage(Locale.ROOT)).toList();
  }

  /** Compilation failed with exactly this one error. */
  private static void assertOnlyError(Compilation c, String template, int line, int col,
      String message) {
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertError(c, template, line, col, message);
  }

  /**
   * An error reads {@code errs/t.tmpl:line:col: error: message}, then the template line, then a
   * caret under the column (javac may indent the two extra lines; tabs are kept).
   */
  private static void assertError(Compilation c, String template, int line, int col,
      String message) {
    String header = PATH + ":" + line + ":" + col + ": error: " + message;
    assertThat(c).hadErrorContaining(header);
    String full = null;
    for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
      String m = d.getMessage(Locale.ROOT);
      if (m.lines().findFirst().orElse("").equals(header)) {
        full = m;
      }
    }
    if (full == null) {
      fail("no error whose first line is exactly\n" + header + "\nbut:\n"
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
}
