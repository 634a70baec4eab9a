package io.github.livetemplate.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Every action the state's template can send must exist on the controller: reported at the template
 * position with a suggestion or the method to add.
 */
class TemplateActionCheckTest extends ControllerFixture {
    @Test
    void aBrokenTemplateGivesItsOwnErrorsOnlyNotOneForTheMissingRenderer() {
        Compilation c = compile("<h1>{{.Titel}}</h1>\n", controller(act("save")));
        assertThat(c).failed();
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining(file() + ":1:7: TodoState has no component 'Titel'");
    }

    @Test
    void unknownActionIsReportedAtTheTemplatePositionWithASuggestion() {
        String t =
                "<h1>{{.Last}}</h1>\n<p>{{.Count}}</p>\n  <button name=\"delet\">Delete</button>\n";
        Compilation c = compile(t, controller(act("delete"), act("add")));
        assertThat(c).failed();
        ProcessorHarness.assertOnlyError(
                c,
                file(),
                t,
                3,
                17,
                "TodoController has no action \"delet\" (did you mean \"delete\"?)");
        Diagnostic<? extends JavaFileObject> d = c.errors().get(0);
        // Attached to the controller class.
        assertTrue(
                d.getSource().getName().endsWith("TodoController.java"), d.getSource().getName());
    }

    @Test
    void aTemplateSendingAServerOnlyActionIsRefusedAtItsPosition() {
        String t = "<h1>{{.Last}}</h1>\n<p>{{.Count}}</p>\n  <button name=\"refresh\">R</button>\n";
        Compilation c =
                compile(t, controller("@Action(serverOnly = true)\n" + act("refresh"), act("add")));
        assertThat(c).failed();
        ProcessorHarness.assertOnlyError(
                c,
                file(),
                t,
                3,
                17,
                "action \"refresh\" of TodoController is @Action(serverOnly = true): only triggers"
                        + " and publishes run it, so the template must not send it (<button"
                        + " name=\"refresh\"> sends it)");
    }

    @Test
    void positionsAfterDynamicPartsOnTheSameLine() {
        String line =
                "<p>{{.Count}}</p> <div>{{.Last}}</div> <span lvt-on:click=\"tggle\">x</span>";
        String t = "<h1>x</h1>\n" + line + "\n";
        Compilation c = compile(t, controller(act("toggle")));
        ProcessorHarness.assertOnlyError(
                c,
                file(),
                t,
                2,
                line.indexOf("tggle") + 1,
                "TodoController has no action \"tggle\" (did you mean \"toggle\"?)");
    }

    @Test
    void orphanButtonWithoutSuggestionTellsHowToAddTheAction() {
        String t = "<div>\n<button name=\"frobnicate\" value=\"1\">F</button>\n</div>";
        Compilation c = compile(t, controller(act("add")));
        assertThat(c).failed();
        assertEquals(
                file()
                        + ":2:15: TodoController has no action \"frobnicate\": <button "
                        + "name=\"frobnicate\"> sends it; add public TodoState frobnicate(TodoState state, "
                        + "Context ctx) to TodoController",
                firstLine(onlyError(c)));
    }

    @Test
    void kebabActionWithoutMatchSuggestsTheCamelCaseMethod() {
        Compilation c = compile("<div lvt-on:click=\"clear-all\"></div>", controller(act("add")));
        assertThat(c).failed();
        assertTrue(
                firstLine(onlyError(c))
                        .endsWith(
                                "lvt-on:click=\"clear-all\" sends it; add public "
                                        + "TodoState clearAll(TodoState state, Context ctx) to TodoController"));
    }

    @Test
    void eventAttributesAreChecked() {
        String t =
                """
        <div lvt-on:click="toggle" data-id="1">x</div>
        <input name="q" lvt-on:input="search" lvt-mod:debounce="200">
        <div lvt-on:window:keydown="hotkey" lvt-key="Ctrl+k"></div>
        <div lvt-on:dragover=""></div>
        """;
        Compilation c = compile(t, controller(act("add")));
        assertThat(c).failed();
        assertEquals(List.of("1:20 toggle", "2:31 search", "3:29 hotkey"), where(c));
        // With the actions present the page compiles; snake and kebab spellings resolve too.
        Compilation ok =
                compile(
                        t.replace("hotkey", "hot-key"),
                        controller(act("toggle"), act("search"), act("hotKey")));
        assertThat(ok).succeededWithoutWarnings();
    }

    @Test
    void formActionWinsOverButtonNames() {
        String t =
                """
        <form lvt-form:action="archive">
          <input name="title">
          <button name="whatever">Go</button>
        </form>
        """;
        Compilation c = compile(t, controller(act("add")));
        assertThat(c).failed();
        assertEquals(
                List.of(
                        file()
                                + ":1:24: TodoController has no action \"archive\": "
                                + "lvt-form:action=\"archive\" sends it; add public TodoState archive(TodoState state, "
                                + "Context ctx) to TodoController"),
                errorLines(c));
        assertThat(compile(t, controller(act("archive")))).succeededWithoutWarnings();
    }

    @Test
    void lvtOnSubmitWinsOverEverythingElse() {
        String t =
                """
        <form name="x" lvt-on:submit="save" lvt-form:action="y">
          <button name="z">Go</button>
        </form>
        """;
        assertThat(compile(t, controller(act("save")))).succeededWithoutWarnings();
    }

    @Test
    void namelessFormRequiresSubmit() {
        String t =
                "<p>{{.Last}}</p>\n  <form method=\"post\">\n    <input name=\"title\">\n"
                        + "    <button>Save</button>\n  </form>\n";
        Compilation c = compile(t, controller(act("add")));
        assertThat(c).failed();
        Diagnostic<? extends JavaFileObject> d = onlyError(c);
        assertEquals(
                file()
                        + ":2:3: TodoController has no action \"submit\": a <form> without "
                        + "lvt-on:submit, lvt-form:action, a name or a named submit button sends \"submit\"; add "
                        + "public TodoState submit(TodoState state, Context ctx) to TodoController",
                firstLine(d));
        assertThat(compile(t, controller(act("submit")))).succeededWithoutWarnings();
    }

    @Test
    void formNameAndSubmitButtonNamesAreChecked() {
        String t =
                """
        <form name="add">
          <input name="text">
          <button name="add">Add</button>
          <button type="submit" name="addTop">Add on top</button>
          <input type="submit" name="add_many" value="Many">
          <button type="button" name="notSent" lvt-on:click="preview">Preview</button>
          <button type="reset" name="alsoNotSent">Reset</button>
        </form>
        <form id="ext" name="ext"></form>
        <button form="ext" name="outside">Outside</button>
        """;
        Compilation c = compile(t, controller(act("add")));
        assertThat(c).failed();
        List<String> names =
                errorLines(c).stream()
                        .map(e -> e.replaceAll("^[^\"]*\"([^\"]*)\".*", "$1"))
                        .toList();
        assertEquals(List.of("addTop", "add_many", "preview", "ext", "outside"), names);
        assertThat(
                        compile(
                                t,
                                controller(
                                        act("add"),
                                        act("addTop"),
                                        act("addMany"),
                                        act("preview"),
                                        act("ext"),
                                        act("outside"))))
                .succeededWithoutWarnings();
    }

    @Test
    void reservedNamesAreAlwaysAccepted() {
        String t =
                """
        <input name="q" lvt-on:input="change">
        <button name="__navigate__">Go</button>
        <button lvt-on:click="__ping__">Ping</button>
        <button lvt-on:click="upload_start">U</button>
        <button lvt-on:click="upload_chunk">U</button>
        <button lvt-on:click="upload_complete">U</button>
        <button lvt-on:click="cancel_upload">U</button>
        <form lvt-persist="todos"><input name="t"></form>
        <button type="reset" name="resetOutside">R</button>
        <button name="dialogOnly" commandfor="dlg">Open</button>
        """;
        assertThat(compile(t, controller(act("add")))).succeededWithoutWarnings();
    }

    @Test
    void loadMoreAndSubmitMustExistWhenSent() {
        String t = "<ul></ul>\n<div lvt-scroll-sentinel></div>\n";
        Compilation c = compile(t, controller(act("add")));
        assertThat(c).failed();
        assertEquals(
                file()
                        + ":2:6: TodoController has no action \"load_more\": "
                        + "lvt-scroll-sentinel sends \"load_more\" when it scrolls into view; add public TodoState "
                        + "loadMore(TodoState state, Context ctx) to TodoController",
                firstLine(onlyError(c)));
        assertThat(compile(t, controller(act("loadMore")))).succeededWithoutWarnings();
    }

    @Test
    void dynamicAttributeValuesAreSkipped() {
        String t =
                """
        <button name="{{.Last}}">a</button>
        <button name="x-{{.Last}}">b</button>
        <button name=pre{{.Last}}>c</button>
        <div lvt-on:click="{{if .Count}}inc{{else}}dec{{end}}"></div>
        <div lvt-on:click={{.Last}}></div>
        <form><button name="{{.Last}}">named at run time</button></form>
        <form name="{{.Last}}"></form>
        <form lvt-form:action="{{.Last}}"><button name="ignored">x</button></form>
        """;
        assertThat(compile(t, controller(act("add")))).succeededWithoutWarnings();
    }

    @Test
    void noInterceptFormsCommentsAndScriptsAreSkipped() {
        String t =
                """
        <form method="post" lvt-form:no-intercept lvt-on:submit="native">
          <button name="nativeButton">Native</button>
        </form>
        <!-- <button name="commented">x</button> -->
        {{/* <button name="templateComment">x</button> */}}
        <script>const html = '<button name="inScript">';</script>
        <textarea><button name="inTextarea"></textarea>
        """;
        assertThat(compile(t, controller(act("add")))).succeededWithoutWarnings();
    }

    @Test
    void branchesRangesAndDefinedTemplatesAreChecked() {
        String t =
                """
        {{define "row"}}<button name="rowAction">r</button>{{end}}
        {{define "unused"}}<div lvt-on:click="unusedAction"></div>{{end}}
        {{define "inForm"}}<button name="fromDefine">d</button>{{end}}
        {{if .Count}}<div lvt-on:click="thenAction"></div>{{else}}<div lvt-on:click="elseAction"></div>{{end}}
        {{range $i := .Last}}{{template "row" .}}{{end}}
        {{with .Last}}<div lvt-on:click="withAction"></div>{{end}}
        <form>{{template "inForm"}}</form>
        """;
        String state =
                """
        package app;

        import io.github.livetemplate.LiveTemplate;
        import java.util.List;

        @LiveTemplate("todo.tmpl")
        public record TodoState(String last, int count, List<String> items) {}
        """;
        Compilation c =
                compileWithState(
                        state,
                        t.replace("{{range $i := .Last}}", "{{range $i := .Items}}"),
                        controller(
                                """
        public TodoState add(TodoState s, Context ctx) {
          return s;
        }
        """));
        assertThat(c).failed();
        List<String> names =
                errorLines(c).stream()
                        .map(e -> e.replaceAll("^[^\"]*\"([^\"]*)\".*", "$1"))
                        .sorted()
                        .toList();
        // The defined button inside the form names it, so the form does not send "submit".
        assertEquals(
                List.of(
                        "elseAction",
                        "fromDefine",
                        "rowAction",
                        "thenAction",
                        "unusedAction",
                        "withAction"),
                names);
    }

    @Test
    void snakeAndPascalNamesInTheTemplateMatchCamelCaseMethods() {
        String t =
                """
        <button name="save_draft">a</button>
        <button name="SaveDraft">b</button>
        <div lvt-on:click="save-draft"></div>
        <button lvt-on:click="clear-done">c</button>
        """;
        assertThat(
                        compile(
                                t,
                                controller(
                                        act("saveDraft"),
                                        "@Action(\"clear-done\")\n" + act("clearCompleted"))))
                .succeededWithoutWarnings();
    }

    @Test
    void tagsSplitByDynamicPartsStillRoute() {
        String t =
                """
        <form name="add" {{if .Count}}class="busy"{{end}}>
          <button {{if .Count}}disabled{{end}} name="addOne">+</button>
        </form>
        """;
        Compilation c = compile(t, controller(act("add")));
        assertThat(c).failed();
        String line = t.lines().toList().get(1);
        assertEquals(List.of("2:" + (line.indexOf("addOne") + 1) + " addOne"), where(c));
    }

    @Test
    void templateErrorsAreReportedOnTheRecordNotTwice() {
        Compilation c = compile("<p>{{.Nope}}</p>", controller(act("add")));
        assertThat(c).failed();
        // The record reports the template error; the controller adds nothing about it.
        for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
            assertFalse(
                    d.getSource() != null
                            && d.getSource().getName().endsWith("TodoController.java")
                            && d.getMessage(Locale.ROOT).contains("Nope"),
                    d.getMessage(Locale.ROOT));
        }
    }
}
