package io.github.livetemplate.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.livetemplate.runtime.TemplateContext;
import io.github.livetemplate.testing.ClientOracle;
import io.github.livetemplate.testing.GoOracle;
import io.github.livetemplate.testing.OracleCheck;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Templates written in the style of real Go livetemplate apps (forms with validation errors and
 * aria attributes, flash messages, a layout and its content, dialogs, a cart, a profile form, a
 * progressively enhanced list, tabs, toasts, a paged table), compiled unchanged: for several states
 * and {@code .lvt} contexts each, the page equals Go's {@code html/template} output for the same
 * data, and the client follows the first tree and the diffs from state to state.
 */
class GoAppCorpusTest {

    @TempDir static Path root;
    private static GoOracle go;
    private static ClientOracle client;

    @BeforeAll
    static void start() {
        go = GoOracle.start();
        client = ClientOracle.start();
    }

    @AfterAll
    static void stop() {
        go.close();
        client.close();
    }

    /** One step: a state (built with the generated classes) and the context it renders with. */
    record Step(Object state, TemplateContext lvt) {}

    /** Builds states from the compiled record classes. */
    interface States extends Function<ProcessorHarness.Rendering, List<Step>> {}

    record App(String name, String record, String source, String template, States steps) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static TemplateContext errors(String... kv) {
        return TemplateContext.of(map(kv), Map.of(), false);
    }

    private static TemplateContext flash(String... kv) {
        return TemplateContext.of(Map.of(), map(kv), false);
    }

    private static final TemplateContext NONE = TemplateContext.empty();

    private static Object rec(ProcessorHarness.Rendering r, String cls, Object... components) {
        try {
            return ProcessorHarness.newRecord(
                    r.renderer.getClass().getClassLoader(), cls, components);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object state(ProcessorHarness.Rendering r, Object... components) {
        try {
            return r.state(components);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String source(String record, String body) {
        return "package corpus;\n\nimport io.github.livetemplate.LiveTemplate;\nimport java.util.List;\n\n"
                + "@LiveTemplate(\"t.tmpl\")\npublic record "
                + record
                + body
                + "\n";
    }

    static Stream<App> apps() {
        return Stream.of(
                new App(
                        "signupFormWithValidation",
                        "Signup",
                        source("Signup", "(String name, String email, boolean terms) {}"),
                        """
                        <form lvt-submit="signup" novalidate>
                          <label for="name">Name</label>
                          <input id="name" name="name" value="{{.Name}}" {{.lvt.AriaInvalid "name"}} required>
                          {{.lvt.ErrorTag "name"}}
                          <label for="email">Email</label>
                          <input id="email" type="email" name="email" value="{{.Email}}" {{.lvt.AriaInvalid "email"}}>
                          {{if .lvt.HasError "email"}}<small class="error" id="email-error">{{.lvt.Error "email"}}</small>{{end}}
                          <label><input type="checkbox" name="terms" {{if .Terms}}checked{{end}}> I agree</label>
                          <button type="submit" {{.lvt.AriaDisabled "name" "email" "terms"}}>Sign up</button>
                        </form>
                        """,
                        r ->
                                List.of(
                                        new Step(state(r, "", "", false), NONE),
                                        new Step(
                                                state(r, "A", "not-an-email", false),
                                                errors(
                                                        "email",
                                                        "must be an email address",
                                                        "terms",
                                                        "required")),
                                        new Step(
                                                state(r, "<Ann>", "ann@example.com", true),
                                                errors("name", "too \"short\"")),
                                        new Step(state(r, "Ann", "ann@example.com", true), NONE))),
                new App(
                        "flashMessages",
                        "Notices",
                        source("Notices", "(String title) {}"),
                        """
                        <header><h1>{{.Title}}</h1></header>
                        {{if .lvt.HasAnyFlash}}
                        <section class="flash">
                          {{.lvt.FlashTag "success"}}
                          {{.lvt.FlashTag "error"}}
                          {{range $key, $msg := .lvt.AllFlash}}<p data-key="{{$key}}" class="flash-{{$key}}">{{$msg}}</p>{{end}}
                        </section>
                        {{end}}
                        {{with .lvt.Flash "info"}}<aside role="note">{{.}}</aside>{{end}}
                        """,
                        r ->
                                List.of(
                                        new Step(state(r, "Inbox"), NONE),
                                        new Step(
                                                state(r, "Inbox"),
                                                flash("success", "Saved & sent")),
                                        new Step(
                                                state(r, "Inbox (1)"),
                                                flash(
                                                        "error",
                                                        "Failed <again>",
                                                        "info",
                                                        "Retry later")),
                                        new Step(state(r, "Inbox"), NONE))),
                new App(
                        "layoutAndContent",
                        "Page",
                        source("Page", "(String title, String user, List<String> crumbs) {}"),
                        """
                        {{define "layout"}}<div class="layout">
                          <nav>{{range .Crumbs}}<a href="/{{.}}" data-key="{{.}}">{{.}}</a> / {{end}}</nav>
                          <main>{{template "content" .}}</main>
                          <footer>{{with .User}}Signed in as {{.}}{{else}}<a href="/login">Sign in</a>{{end}}</footer>
                        </div>{{end}}
                        {{define "content"}}<h1>{{.Title}}</h1><p>Welcome{{if .User}}, {{.User}}{{end}}.</p>{{end}}
                        {{template "layout" .}}
                        """,
                        r ->
                                List.of(
                                        new Step(state(r, "Home", "", List.of()), NONE),
                                        new Step(
                                                state(r, "Docs", "ann", List.of("docs", "api v2")),
                                                NONE),
                                        new Step(
                                                state(r, "Docs & <more>", "bob", List.of("docs")),
                                                NONE))),
                new App(
                        "confirmDialog",
                        "Dialog",
                        source("Dialog", "(boolean open, String itemId, String itemName) {}"),
                        """
                        <button lvt-click="ask-delete" data-id="{{.ItemID}}">Delete {{.ItemName}}</button>
                        <dialog id="confirm" {{if .Open}}open{{end}} aria-labelledby="confirm-title">
                          <h2 id="confirm-title">Delete “{{.ItemName}}”?</h2>
                          <form method="dialog">
                            <button value="cancel" lvt-click="cancel">Cancel</button>
                            <button value="ok" lvt-click="delete" lvt-data-id="{{.ItemID}}" class="danger">Delete</button>
                          </form>
                        </dialog>
                        """,
                        r ->
                                List.of(
                                        new Step(state(r, false, "7", "Report"), NONE),
                                        new Step(state(r, true, "7", "Report"), NONE),
                                        new Step(state(r, true, "8\"x", "<Q3> & more"), NONE),
                                        new Step(
                                                state(r, false, "8", "Q3"),
                                                flash("success", "Deleted")))),
                new App(
                        "shoppingCart",
                        "Cart",
                        source(
                                "Cart",
                                "(List<Line> lines, double total, String coupon) {\n"
                                        + "  public record Line(String sku, String name, int qty, double price) {}\n}"),
                        """
                        <table class="cart">
                          <tbody>
                          {{- range .Lines}}
                            <tr data-key="{{.Sku}}">
                              <td>{{.Name}}</td>
                              <td><input type="number" name="qty-{{.Sku}}" value="{{.Qty}}" min="0" lvt-change="qty"></td>
                              <td>{{printf "%.2f" .Price}}</td>
                              <td><button lvt-click="remove" lvt-data-sku="{{.Sku}}" aria-label="Remove {{.Name}}">×</button></td>
                            </tr>
                          {{- else}}
                            <tr><td colspan="4">Your cart is empty.</td></tr>
                          {{- end}}
                          </tbody>
                        </table>
                        <p class="total">Total: {{printf "%.2f" .Total}}{{if .Coupon}} (coupon {{.Coupon}}){{end}}</p>
                        {{if gt (len .Lines) 2}}<p>Free shipping!</p>{{end}}
                        """,
                        r ->
                                List.of(
                                        new Step(state(r, List.of(), 0.0, ""), NONE),
                                        new Step(
                                                state(
                                                        r,
                                                        List.of(
                                                                rec(
                                                                        r,
                                                                        "corpus.Cart$Line",
                                                                        "a1",
                                                                        "Tea",
                                                                        2,
                                                                        3.5)),
                                                        7.0,
                                                        ""),
                                                NONE),
                                        new Step(
                                                state(
                                                        r,
                                                        List.of(
                                                                rec(
                                                                        r,
                                                                        "corpus.Cart$Line",
                                                                        "a1",
                                                                        "Tea",
                                                                        3,
                                                                        3.5),
                                                                rec(
                                                                        r,
                                                                        "corpus.Cart$Line",
                                                                        "b2",
                                                                        "Mugs & <cups>",
                                                                        1,
                                                                        12.25),
                                                                rec(
                                                                        r,
                                                                        "corpus.Cart$Line",
                                                                        "c3",
                                                                        "Spoon",
                                                                        4,
                                                                        0.1)),
                                                        23.15,
                                                        "SAVE10"),
                                                errors("qty-c3", "too many")),
                                        new Step(
                                                state(
                                                        r,
                                                        List.of(
                                                                rec(
                                                                        r,
                                                                        "corpus.Cart$Line",
                                                                        "b2",
                                                                        "Mugs & <cups>",
                                                                        1,
                                                                        12.25)),
                                                        12.25,
                                                        ""),
                                                NONE))),
                new App(
                        "profileForm",
                        "Profile",
                        source(
                                "Profile",
                                "(String name, String bio, String country, boolean newsletter) {}"),
                        """
                        <form lvt-submit="save">
                          <input name="name" value="{{.Name}}" {{.lvt.AriaInvalid "name"}}>
                          <textarea name="bio" rows="3">{{.Bio}}</textarea>
                          <select name="country">
                            <option value="de" {{if eq .Country "de"}}selected{{end}}>Germany</option>
                            <option value="fr" {{if eq .Country "fr"}}selected{{end}}>France</option>
                          </select>
                          <label><input type="checkbox" name="newsletter" {{if .Newsletter}}checked{{end}}> Newsletter</label>
                          <button type="submit">Save</button>
                          {{.lvt.FlashTag "saved"}}
                        </form>
                        """,
                        r ->
                                List.of(
                                        new Step(state(r, "Ann", "", "de", false), NONE),
                                        new Step(
                                                state(r, "", "I <3 Go\n& Java", "fr", true),
                                                errors("name", "required")),
                                        new Step(
                                                state(r, "Ann", "hi", "fr", true),
                                                flash("saved", "Profile saved")))),
                new App(
                        "progressiveList",
                        "Todos",
                        source(
                                "Todos",
                                "(List<Todo> todos, String filter, int page) {\n"
                                        + "  public record Todo(String id, String title, boolean done, boolean hidden) {}\n}"),
                        """
                        <form method="get" action="/todos" lvt-change="filter">
                          <input type="search" name="filter" value="{{.Filter}}" placeholder="Filter">
                          <noscript><button type="submit">Filter</button></noscript>
                        </form>
                        <ul id="todos">
                        {{- range .Todos}}{{if .Hidden}}{{continue}}{{end}}
                          <li data-key="{{.ID}}" class="{{if .Done}}done{{end}}">
                            <form action="/todos?toggle={{.ID}}"><button name="toggle" value="{{.ID}}">{{if .Done}}✓{{else}}○{{end}}</button></form>
                            {{.Title}}
                          </li>
                        {{- end}}
                        </ul>
                        <a href="/todos?page={{.Page}}&amp;filter={{.Filter}}" rel="next">Next page</a>
                        """,
                        r ->
                                List.of(
                                        new Step(state(r, List.of(), "", 1), NONE),
                                        new Step(
                                                state(
                                                        r,
                                                        List.of(
                                                                rec(
                                                                        r,
                                                                        "corpus.Todos$Todo",
                                                                        "1",
                                                                        "Write tests",
                                                                        false,
                                                                        false),
                                                                rec(
                                                                        r,
                                                                        "corpus.Todos$Todo",
                                                                        "2",
                                                                        "Hidden one",
                                                                        true,
                                                                        true),
                                                                rec(
                                                                        r,
                                                                        "corpus.Todos$Todo",
                                                                        "3",
                                                                        "Ship <it> & go",
                                                                        true,
                                                                        false)),
                                                        "a b&c",
                                                        2),
                                                NONE),
                                        new Step(
                                                state(
                                                        r,
                                                        List.of(
                                                                rec(
                                                                        r,
                                                                        "corpus.Todos$Todo",
                                                                        "3",
                                                                        "Ship <it> & go",
                                                                        false,
                                                                        false),
                                                                rec(
                                                                        r,
                                                                        "corpus.Todos$Todo",
                                                                        "1",
                                                                        "Write tests",
                                                                        true,
                                                                        false)),
                                                        "",
                                                        3),
                                                NONE))),
                new App(
                        "tabs",
                        "Tabs",
                        source("Tabs", "(String tab, List<String> tabs, int unread) {}"),
                        """
                        <nav role="tablist">
                        {{- range .Tabs}}
                          <a href="?tab={{.}}" data-key="{{.}}" role="tab" class="tab{{if eq . $.Tab}} active{{end}}" {{if eq . $.Tab}}aria-current="page"{{end}}>{{.}}</a>
                        {{- end}}
                        </nav>
                        <section role="tabpanel">{{if eq .Tab "inbox"}}{{.Unread}} unread{{else if eq .Tab "sent"}}Sent mail{{else}}Nothing here{{end}}</section>
                        """,
                        r ->
                                List.of(
                                        new Step(
                                                state(
                                                        r,
                                                        "inbox",
                                                        List.of("inbox", "sent", "spam"),
                                                        3),
                                                NONE),
                                        new Step(
                                                state(
                                                        r,
                                                        "sent",
                                                        List.of("inbox", "sent", "spam"),
                                                        3),
                                                NONE),
                                        new Step(
                                                state(r, "spam", List.of("inbox", "spam"), 0),
                                                NONE))),
                new App(
                        "toastContainer",
                        "Toasts",
                        source(
                                "Toasts",
                                "(List<Toast> toasts, String position) {\n"
                                        + "  public record Toast(String id, String kind, String text, int seconds) {}\n}"),
                        """
                        <div class="toasts" data-position="{{.Position}}" aria-live="polite">
                        {{- range .Toasts}}
                          <div data-key="{{.ID}}" role="{{if eq .Kind "error"}}alert{{else}}status{{end}}" class="toast toast-{{.Kind}}" style="animation-duration: {{.Seconds}}s">
                            <span>{{.Text}}</span>
                            <button lvt-click="dismiss" lvt-data-id="{{.ID}}" aria-label="Dismiss">×</button>
                          </div>
                        {{- end}}
                        </div>
                        """,
                        r ->
                                List.of(
                                        new Step(state(r, List.of(), "top-right"), NONE),
                                        new Step(
                                                state(
                                                        r,
                                                        List.of(
                                                                rec(
                                                                        r,
                                                                        "corpus.Toasts$Toast",
                                                                        "t1",
                                                                        "info",
                                                                        "Saved",
                                                                        3),
                                                                rec(
                                                                        r,
                                                                        "corpus.Toasts$Toast",
                                                                        "t2",
                                                                        "error",
                                                                        "Failed: <timeout>",
                                                                        10)),
                                                        "top-right"),
                                                NONE),
                                        new Step(
                                                state(
                                                        r,
                                                        List.of(
                                                                rec(
                                                                        r,
                                                                        "corpus.Toasts$Toast",
                                                                        "t2",
                                                                        "error",
                                                                        "Failed: <timeout>",
                                                                        10)),
                                                        "bottom"),
                                                NONE))),
                new App(
                        "pagedTable",
                        "Table",
                        source(
                                "Table",
                                "(List<Row> rows, List<Integer> pages, int page, String sort) {\n"
                                        + "  public record Row(String id, String name, int score) {}\n}"),
                        """
                        <table>
                          <thead><tr>
                            <th><a href="?sort=name" {{if eq .Sort "name"}}aria-sort="ascending"{{end}}>Name</a></th>
                            <th><a href="?sort=score" {{if eq .Sort "score"}}aria-sort="descending"{{end}}>Score</a></th>
                          </tr></thead>
                          <tbody>{{range $i, $r := .Rows}}<tr data-key="{{$r.ID}}" class="{{if eq (len $.Rows) 1}}only{{end}}"><td>{{$r.Name}}</td><td>{{$r.Score}}</td></tr>{{end}}</tbody>
                        </table>
                        <nav class="pager">{{range .Pages}}<a href="?page={{.}}" data-key="{{.}}" {{if eq . $.Page}}aria-current="page"{{end}}>{{.}}</a>{{end}}</nav>
                        <p>{{len .Rows}} rows, first: {{with index .Rows 0}}{{.Name}}{{end}}</p>
                        """,
                        r ->
                                List.of(
                                        new Step(
                                                state(
                                                        r,
                                                        List.of(
                                                                rec(
                                                                        r,
                                                                        "corpus.Table$Row",
                                                                        "r1",
                                                                        "Ann",
                                                                        10)),
                                                        List.of(1),
                                                        1,
                                                        "name"),
                                                NONE),
                                        new Step(
                                                state(
                                                        r,
                                                        List.of(
                                                                rec(
                                                                        r,
                                                                        "corpus.Table$Row",
                                                                        "r2",
                                                                        "Bob <b>",
                                                                        7),
                                                                rec(
                                                                        r,
                                                                        "corpus.Table$Row",
                                                                        "r1",
                                                                        "Ann",
                                                                        12)),
                                                        List.of(1, 2, 3),
                                                        2,
                                                        "score"),
                                                NONE))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void pagesAreGosAndTheClientFollows(App app) throws Exception {
        ProcessorHarness.Rendering r =
                new ProcessorHarness(root)
                        .render(
                                "corpus/t.tmpl",
                                app.template(),
                                "corpus." + app.record(),
                                app.source());
        List<Step> steps = app.steps().apply(r);
        client.reset();
        Step prev = null;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            Map<String, Object> lvt = new LinkedHashMap<>();
            lvt.put("errors", s.lvt().errors());
            lvt.put("flash", s.lvt().allFlash());
            lvt.put("devMode", s.lvt().devMode());
            String html = OracleCheck.innerHtml(r.renderer.html(s.state(), s.lvt()));
            assertEquals(
                    go.render(List.of(new GoOracle.File("t", app.template())), "t", s.state(), lvt),
                    html,
                    app.name() + " step " + i);
            String update =
                    prev == null
                            ? r.renderer.tree(s.state(), s.lvt())
                            : r.renderer.diff(prev.state(), prev.lvt(), s.state(), s.lvt());
            assertEquals(html, client.apply(update), app.name() + " step " + i + ": " + update);
            prev = s;
        }
    }
}
