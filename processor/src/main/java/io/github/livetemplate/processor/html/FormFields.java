package io.github.livetemplate.processor.html;

import io.github.livetemplate.processor.parse.Ast;
import io.github.livetemplate.processor.parse.Pos;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Adds hidden fields right after the start tag of every {@code <form method="post">} of a template,
 * before it is compiled, so that a form submitted natively (JavaScript off, or {@code
 * lvt-form:no-intercept}) proves where it comes from and names its action (docs/runtime.md, "Forms
 * without JavaScript" and "Security"):
 *
 * <ul>
 *   <li>{@code <input type="hidden" name="lvt-csrf" value="…">}, always: its value is {@link
 *       #TOKEN_PLACEHOLDER}, which the runtime replaces with the session group's signed token in
 *       every page, tree and update it sends;
 *   <li>{@code <input type="hidden" name="lvt-action" value="x">} when the form routes its submit
 *       with a static {@code lvt-on:submit="x"} or {@code lvt-form:action="x"} (the client gives
 *       these precedence over the submit button, and so does the server's form routing);
 *   <li>{@code <input type="hidden" name="lvt-form" value="x">} when the form has a static {@code
 *       name="x"} (used when no submit button names the action).
 * </ul>
 *
 * Forms whose {@code method} is dynamic or not {@code post}, and forms whose start tag ends in a
 * dynamic part, are left alone. The fields are ordinary static text: every later stage (escaping
 * contexts, action checks, goldens) sees them. Inserted text gets the position of the insertion
 * point; the text after it keeps its own position, so diagnostics still point at the template.
 */
public final class FormFields {

    /**
     * The value the runtime replaces with the CSRF token; the same as {@code
     * io.github.livetemplate.runtime.generated.FormToken.PLACEHOLDER}.
     */
    public static final String TOKEN_PLACEHOLDER = "~lvt-csrf-token~";

    private FormFields() {}

    /** {@code file} with the hidden fields added to each of its bodies' POST forms. */
    public static Ast.TemplateFile inject(Ast.TemplateFile file) {
        Map<String, Ast.Definition> defs = new LinkedHashMap<>();
        for (Map.Entry<String, Ast.Definition> e : file.definitions().entrySet()) {
            Ast.Definition d = e.getValue();
            defs.put(
                    e.getKey(),
                    new Ast.Definition(d.pos(), d.name(), document(d.body()), d.block()));
        }
        return new Ast.TemplateFile(document(file.main()), defs);
    }

    private static Ast.ListNode document(Ast.ListNode body) {
        if (body == null) {
            return null;
        }
        return new Walker().list(body);
    }

    /** The hidden fields of a form, or "" when it is not a static POST form. */
    static String fields(Map<String, String> attrs) {
        String method = attrs.get("method");
        if (method == null || !method.trim().toLowerCase(Locale.ROOT).equals("post")) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        sb.append("<input type=\"hidden\" name=\"lvt-csrf\" value=\"")
                .append(TOKEN_PLACEHOLDER)
                .append("\">");
        String action = attrs.get("lvt-on:submit");
        if (action == null || action.isBlank()) {
            action = attrs.get("lvt-form:action");
        }
        if (action != null && !action.isBlank()) {
            hidden(sb, "lvt-action", action.trim());
        }
        String name = attrs.get("name");
        if (name != null && !name.isBlank()) {
            hidden(sb, "lvt-form", name.trim());
        }
        return sb.toString();
    }

    private static void hidden(StringBuilder sb, String name, String value) {
        sb.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&#34;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                default -> sb.append(c);
            }
        }
        sb.append("\">");
    }

    /**
     * Walks one body in template order with one tokenizer state, as {@code TemplateActions} does;
     * collects the static attributes of the tag being read.
     */
    private static final class Walker implements HtmlTokenizer.Listener {
        private final HtmlTokenizer tokenizer = new HtmlTokenizer(HtmlTokenizer.GO_RAW_TEXT);
        private HtmlTokenizer.State state = HtmlTokenizer.State.TEXT;

        /** The piece being read. */
        private String piece = "";

        // the start tag being read
        private Map<String, String> attrs = new LinkedHashMap<>();
        private StringBuilder value = new StringBuilder();
        private boolean valueDynamic;

        /** Offsets (in the piece) after which fields go, with the fields. */
        private final List<int[]> cuts = new ArrayList<>();

        private final List<String> inserts = new ArrayList<>();

        Ast.ListNode list(Ast.ListNode in) {
            List<Ast.Node> out = new ArrayList<>();
            for (Ast.Node n : in.nodes()) {
                if (n instanceof Ast.Text t) {
                    text(t, out);
                } else if (n instanceof Ast.Comment) {
                    out.add(n);
                } else if (n instanceof Ast.If c) {
                    dynamic();
                    Ast.ListNode then = list(c.then());
                    dynamic();
                    Ast.ListNode otherwise = c.otherwise() == null ? null : list(c.otherwise());
                    dynamic();
                    out.add(new Ast.If(c.pos(), c.cond(), then, otherwise, c.elseIf()));
                } else if (n instanceof Ast.With c) {
                    dynamic();
                    Ast.ListNode then = list(c.then());
                    dynamic();
                    Ast.ListNode otherwise = c.otherwise() == null ? null : list(c.otherwise());
                    dynamic();
                    out.add(new Ast.With(c.pos(), c.value(), then, otherwise, c.elseWith()));
                } else if (n instanceof Ast.Range c) {
                    dynamic();
                    Ast.ListNode body = list(c.body());
                    dynamic();
                    Ast.ListNode otherwise = c.otherwise() == null ? null : list(c.otherwise());
                    dynamic();
                    out.add(new Ast.Range(c.pos(), c.pipe(), body, otherwise));
                } else {
                    dynamic();
                    out.add(n);
                }
            }
            return new Ast.ListNode(in.pos(), out);
        }

        private void dynamic() {
            if (state.mode() == HtmlTokenizer.Mode.ATTR_VALUE
                    || state.mode() == HtmlTokenizer.Mode.BEFORE_VALUE) {
                valueDynamic = true;
            }
            state = state.afterDynamic();
        }

        private void text(Ast.Text t, List<Ast.Node> out) {
            piece = t.text();
            cuts.clear();
            inserts.clear();
            state = tokenizer.read(state, piece, this);
            if (cuts.isEmpty()) {
                out.add(t);
                return;
            }
            int from = 0;
            for (int i = 0; i < cuts.size(); i++) {
                int at = cuts.get(i)[0];
                out.add(new Ast.Text(pos(t, from), piece.substring(from, at)));
                out.add(new Ast.Text(pos(t, at), inserts.get(i)));
                from = at;
            }
            if (from < piece.length()) {
                out.add(new Ast.Text(pos(t, from), piece.substring(from)));
            }
        }

        /** The position of offset {@code k} of text {@code t}. */
        private static Pos pos(Ast.Text t, int k) {
            Pos p = t.pos();
            int line = p.line();
            int column = p.column();
            String s = t.text();
            for (int i = 0; i < k; i++) {
                if (s.charAt(i) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            return new Pos(p.offset() + k, line, column);
        }

        @Override
        public void tagStart(int lt, boolean end) {
            attrs = new LinkedHashMap<>();
        }

        @Override
        public void attrStart(int at) {
            value = new StringBuilder();
            valueDynamic = false;
        }

        @Override
        public void valueText(int from, int to) {
            value.append(piece, from, to);
        }

        @Override
        public void attrEnd(String name) {
            if (!valueDynamic) {
                attrs.putIfAbsent(name.toLowerCase(Locale.ROOT), value.toString());
            } else {
                attrs.putIfAbsent(name.toLowerCase(Locale.ROOT), null);
            }
        }

        @Override
        public void startTagEnd(String element, int after, boolean selfClosing) {
            if (!element.equals("form")) {
                return;
            }
            Map<String, String> known = new LinkedHashMap<>();
            attrs.forEach(
                    (k, v) -> {
                        if (v != null) {
                            known.put(k, v);
                        }
                    });
            if (attrs.containsKey("method") && attrs.get("method") == null) {
                return; // a dynamic method: leave the form alone
            }
            String f = fields(known);
            if (!f.isEmpty()) {
                cuts.add(new int[] {after});
                inserts.add(f);
            }
        }
    }
}
