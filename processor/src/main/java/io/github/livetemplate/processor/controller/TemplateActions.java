package io.github.livetemplate.processor.controller;

import io.github.livetemplate.processor.html.Attr;
import io.github.livetemplate.processor.html.HtmlTokenizer;
import io.github.livetemplate.processor.html.Tag;
import io.github.livetemplate.processor.html.TagReader;
import io.github.livetemplate.processor.html.Token;
import io.github.livetemplate.processor.parse.Ast;
import io.github.livetemplate.processor.parse.Pos;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The action names a template's static HTML makes the {@code @livetemplate/client} send
 * (docs/protocol.md: events, forms and actions), with where each is written.
 *
 * <p>The static text of the main body, of every {@code {{define}}}d template and of every {@code
 * if}/{@code with}/{@code range} branch is scanned in document order (branches one after the other,
 * {@code {{template}}} calls inlined), so forms see the buttons inside them. Sources:
 *
 * <ul>
 *   <li>{@code lvt-on:{event}="x"} and {@code lvt-on:window:{event}="x"} on any element (an empty
 *       value sends nothing);
 *   <li>an intercepted {@code <form>}: {@code lvt-on:submit}, else {@code lvt-persist} (gives
 *       {@code persist:…}, not checked), else {@code lvt-form:action}, else the names of its submit
 *       buttons ({@code <button name>} of type submit or none, {@code <input type="submit" name>})
 *       and its own {@code name}; with none of these it sends {@code submit};
 *   <li>a named {@code <button>} outside any form (not {@code type="reset"}, no {@code commandfor})
 *       sends its name on click;
 *   <li>{@code lvt-scroll-sentinel} sends {@code load_more}.
 * </ul>
 *
 * <p>Refs of kind {@link Kind#UPLOAD} are upload names ({@code lvt-upload="avatar"}), checked
 * against the controller's {@code @Upload}s rather than its actions.
 *
 * <p>Forms with {@code lvt-form:no-intercept} submit natively and are skipped. An attribute value
 * with a dynamic part ({@code name="{{.Action}}"}) is skipped; a button with a dynamic name still
 * counts as a named submit button. Positions point at the value (the action name), at the {@code
 * lvt-scroll-sentinel} attribute, or at the {@code <form} that sends {@code submit}.
 */
public final class TemplateActions {

    /** What makes the client send an action. */
    public enum Kind {
        EVENT,
        FORM_ACTION,
        FORM_NAME,
        SUBMIT_BUTTON,
        ORPHAN_BUTTON,
        DEFAULT_SUBMIT,
        SCROLL_SENTINEL,
        /** Not an action: {@code lvt-upload="x"} names an upload, which the controller declares. */
        UPLOAD
    }

    /**
     * One action name the template can send.
     *
     * @param origin the HTML that sends it, for messages ({@code <button name="delete">})
     */
    public record Ref(String name, Pos pos, Kind kind, String origin) {}

    private final java.util.function.IntFunction<Pos> positions;
    private final Map<String, Ast.Definition> definitions;
    private final Set<String> called = new HashSet<>();
    private final Map<String, Ref> refs = new LinkedHashMap<>();

    private TemplateActions(java.util.function.IntFunction<Pos> positions, Ast.TemplateFile file) {
        this.positions = positions;
        this.definitions = file.definitions();
    }

    /** The action names {@code file} (parsed from {@code source}) can send, in file order. */
    public static List<Ref> collect(String source, Ast.TemplateFile file) {
        int[] lineStarts = lineStarts(source);
        return collect(offset -> pos(lineStarts, offset), file, d -> true);
    }

    /**
     * The action names a template set can send: its main body, what it calls, and each uncalled
     * definition for which {@code standalone} holds (those of the main file; a library's components
     * count only where they are called).
     *
     * @param positions the position of an offset of the set
     */
    public static List<Ref> collect(
            java.util.function.IntFunction<Pos> positions,
            Ast.TemplateFile file,
            java.util.function.Predicate<Ast.Definition> standalone) {
        TemplateActions t = new TemplateActions(positions, file);
        t.document(file.main());
        for (Ast.Definition d : file.definitions().values()) {
            if (!t.called.contains(d.name()) && standalone.test(d)) {
                t.called.add(d.name());
                t.document(d.body());
            }
        }
        List<Ref> out = new ArrayList<>(t.refs.values());
        out.sort(Comparator.comparingInt((Ref r) -> r.pos().offset()).thenComparing(Ref::name));
        return out;
    }

    private static int[] lineStarts(String source) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < source.length(); i++) {
            if (source.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The position of a char offset of the template file. */
    Pos pos(int offset) {
        return positions.apply(offset);
    }

    private static Pos pos(int[] lineStarts, int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return new Pos(offset, lo + 1, offset - lineStarts[lo] + 1);
    }

    // ------------------------------------------------------------------ flattening

    /** Scans one template body as a document of its own. */
    private void document(Ast.ListNode body) {
        // The browser's raw-text elements: a button inside <xmp> is text, never clicked.
        TagReader html = new TagReader(HtmlTokenizer.BROWSER_RAW_TEXT);
        walk(body, html, new ArrayDeque<>());
        html.dynamic(null);
        List<Tag> tags = new ArrayList<>();
        for (Token token : html.tokens()) {
            if (token instanceof Tag t) {
                tags.add(t);
            }
        }
        route(tags);
    }

    private void walk(Ast.ListNode list, TagReader html, Deque<String> calls) {
        if (list == null) {
            return;
        }
        for (Ast.Node n : list.nodes()) {
            if (n instanceof Ast.Text t) {
                html.text(t.text(), t.pos().offset());
            } else if (n instanceof Ast.Comment) {
                continue;
            } else if (n instanceof Ast.If c) {
                branches(html, calls, c.then(), c.otherwise());
            } else if (n instanceof Ast.With c) {
                branches(html, calls, c.then(), c.otherwise());
            } else if (n instanceof Ast.Range c) {
                branches(html, calls, c.body(), c.otherwise());
            } else if (n instanceof Ast.TemplateCall c) {
                html.dynamic(null);
                Ast.Definition d = definitions.get(c.name());
                if (d != null && !calls.contains(c.name())) {
                    called.add(c.name());
                    calls.push(c.name());
                    walk(d.body(), html, calls);
                    calls.pop();
                }
                html.dynamic(null);
            } else {
                html.dynamic(null); // {{.X}}, {{$x := …}}, {{break}}, {{continue}}
            }
        }
    }

    private void branches(TagReader html, Deque<String> calls, Ast.ListNode a, Ast.ListNode b) {
        html.dynamic(null);
        walk(a, html, calls);
        html.dynamic(null);
        walk(b, html, calls);
        html.dynamic(null);
    }

    // ------------------------------------------------------------------ tag helpers

    /** An attribute whose client-side value is non-empty or unknown (dynamic). */
    private static boolean hasRouting(Tag t, String attr) {
        for (Attr a : t.all(attr)) {
            if (a.dynamic() || a.hasText()) {
                return true;
            }
        }
        return false;
    }

    /** The lower-cased static type, "" when absent, null when dynamic. */
    private static String type(Tag t) {
        Attr a = t.first("type");
        if (a == null) {
            return "";
        }
        return a.isStatic() ? a.text().trim().toLowerCase(Locale.ROOT) : null;
    }

    // ------------------------------------------------------------------ routing

    /** A form and the submit buttons that belong to it. */
    private static final class Form {
        final Tag tag;
        final List<Tag> submitters = new ArrayList<>();

        Form(Tag tag) {
            this.tag = tag;
        }

        boolean intercepted() {
            return !tag.has("lvt-form:no-intercept");
        }
    }

    /** A button with a {@code form} attribute naming no static form: we cannot tell its form. */
    private static final Form UNKNOWN = new Form(null);

    private void route(List<Tag> tags) {
        Map<Tag, Form> forms = new IdentityHashMap<>();
        Map<String, Form> byId = new HashMap<>();
        List<Form> order = new ArrayList<>();
        for (Tag t : tags) {
            if (!t.end() && t.name().equals("form")) {
                Form f = new Form(t);
                forms.put(t, f);
                order.add(f);
                Attr id = t.first("id");
                if (id != null && id.hasText()) {
                    byId.putIfAbsent(id.text(), f);
                }
            }
        }
        Deque<Form> open = new ArrayDeque<>();
        for (Tag t : tags) {
            if (t.end()) {
                if (t.name().equals("form") && !open.isEmpty()) {
                    open.pop();
                }
                continue;
            }
            Form enclosing = open.peek();
            for (Attr a : t.attrs()) {
                if (a.name().startsWith("lvt-on:")) {
                    boolean nativeSubmit =
                            a.name().equals("lvt-on:submit")
                                    && t.name().equals("form")
                                    && !forms.get(t).intercepted();
                    if (a.hasText() && !nativeSubmit) {
                        add(
                                a.text(),
                                a.textOffset(),
                                Kind.EVENT,
                                a.name() + "=\"" + a.text() + "\"");
                    }
                } else if (a.name().equals("lvt-upload") && a.hasText()) {
                    add(a.text(), a.textOffset(), Kind.UPLOAD, "lvt-upload=\"" + a.text() + "\"");
                } else if (a.name().equals("lvt-scroll-sentinel")) {
                    add("load_more", a.nameOffset(), Kind.SCROLL_SENTINEL, "lvt-scroll-sentinel");
                } else if (a.name().equals("lvt-form:action")
                        && !t.name().equals("form")
                        && a.hasText()) {
                    add(
                            a.text(),
                            a.textOffset(),
                            Kind.FORM_ACTION,
                            "lvt-form:action=\"" + a.text() + "\"");
                }
            }
            switch (t.name()) {
                case "form" -> open.push(forms.get(t));
                case "button" -> button(t, owner(t, enclosing, byId));
                case "input" -> {
                    String type = type(t);
                    Form owner = owner(t, enclosing, byId);
                    if (("submit".equals(type) || "image".equals(type))
                            && owner != null
                            && owner != UNKNOWN) {
                        owner.submitters.add(t);
                    }
                }
                default -> {}
            }
        }
        for (Form f : order) {
            finish(f);
        }
    }

    /** The form {@code t} belongs to: its {@code form} attribute, else the enclosing one. */
    private static Form owner(Tag t, Form enclosing, Map<String, Form> byId) {
        Attr form = t.first("form");
        if (form == null) {
            return enclosing;
        }
        Form f = form.hasText() ? byId.get(form.text()) : null;
        return f != null ? f : UNKNOWN;
    }

    private void button(Tag t, Form owner) {
        String type = type(t);
        if (owner == null) {
            // An orphan button sends its name on click, whatever its type except reset.
            if (type != null && !type.equals("reset") && !t.has("commandfor")) {
                for (Attr name : t.all("name")) {
                    if (name.hasText()) {
                        add(
                                name.text(),
                                name.textOffset(),
                                Kind.ORPHAN_BUTTON,
                                "<button name=\"" + name.text() + "\">");
                    }
                }
            }
            return;
        }
        if (owner == UNKNOWN) {
            return;
        }
        // Missing and invalid types mean submit; a dynamic type might be submit.
        if (type == null
                || !(type.equals("button") || type.equals("reset") || type.equals("menu"))) {
            owner.submitters.add(t);
        }
    }

    private void finish(Form f) {
        Tag t = f.tag;
        if (!f.intercepted() || hasRouting(t, "lvt-on:submit") || t.has("lvt-persist")) {
            return; // native submit; lvt-on:submit checked as an event; persist:… not checked
        }
        if (hasRouting(t, "lvt-form:action")) {
            for (Attr a : t.all("lvt-form:action")) {
                if (a.hasText()) {
                    add(
                            a.text(),
                            a.textOffset(),
                            Kind.FORM_ACTION,
                            "lvt-form:action=\"" + a.text() + "\"");
                }
            }
            return;
        }
        boolean namedSubmit = false;
        for (Tag b : f.submitters) {
            boolean sure = type(b) != null;
            for (Attr name : b.all("name")) {
                if (name.dynamic() || name.hasText()) {
                    namedSubmit = true;
                }
                if (name.hasText() && sure) {
                    String origin =
                            b.name().equals("input")
                                    ? "<input type=\""
                                            + type(b)
                                            + "\" name=\""
                                            + name.text()
                                            + "\">"
                                    : "<button name=\"" + name.text() + "\">";
                    add(name.text(), name.textOffset(), Kind.SUBMIT_BUTTON, origin);
                }
            }
        }
        boolean named = hasRouting(t, "name");
        for (Attr name : t.all("name")) {
            if (name.hasText()) {
                add(
                        name.text(),
                        name.textOffset(),
                        Kind.FORM_NAME,
                        "<form name=\"" + name.text() + "\">");
            }
        }
        if (!namedSubmit && !named) {
            add("submit", t.offset(), Kind.DEFAULT_SUBMIT, "<form>");
        }
    }

    private void add(String name, int offset, Kind kind, String origin) {
        refs.putIfAbsent(
                offset + "\u0000" + name + "\u0000" + kind,
                new Ref(name, pos(offset), kind, origin));
    }
}
