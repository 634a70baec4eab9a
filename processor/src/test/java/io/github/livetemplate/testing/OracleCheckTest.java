package io.github.livetemplate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.livetemplate.runtime.LiveRenderer;
import io.github.livetemplate.runtime.Utf8Buffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Exercises {@link OracleCheck} with hand-written renderers until the processor generates real
 * ones.
 */
class OracleCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&#34;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------------ counter

    record Counter(int count) {}

    /** {@code <p>{{.Count}}</p>} as a full document. */
    static class CounterRenderer implements LiveRenderer<Counter> {
        @Override
        public String defaultWrapperId() {
            return "lvt-counter";
        }

        @Override
        public void writeHtml(Counter state, String wrapperId, boolean loading, Utf8Buffer out) {
            out.writeUtf8(
                    "<!DOCTYPE html><html><head><title>c</title></head><body><div data-lvt-id=\""
                            + wrapperId
                            + "\""
                            + (loading ? " data-lvt-loading=\"true\"" : "")
                            + ">"
                            + "<p>"
                            + state.count()
                            + "</p>"
                            + "</div>\n<script src=\"/client.js\"></script></body></html>");
        }

        @Override
        public void writeTree(Counter state, Utf8Buffer out) {
            out.writeUtf8("{\"s\":[\"<p>\",\"</p>\"],\"0\":\"" + state.count() + "\"}");
        }

        @Override
        public boolean writeDiff(Counter previous, Counter next, Utf8Buffer out) {
            if (previous.count() == next.count()) {
                out.writeUtf8("{}");
                return false;
            }
            out.writeUtf8("{\"0\":\"" + next.count() + "\"}");
            return true;
        }
    }

    @Test
    void counterPasses() {
        OracleCheck.run(new CounterRenderer(), Counter.class, 5, 20);
    }

    @Test
    void brokenDiffIsReportedWithSeedStepStatesAndMinimalTransition() {
        LiveRenderer<Counter> broken =
                new CounterRenderer() {
                    @Override
                    public boolean writeDiff(Counter previous, Counter next, Utf8Buffer out) {
                        if (next.count() < 0 && previous.count() >= 0) {
                            out.writeUtf8("{\"0\":\"oops\"}");
                            return true;
                        }
                        return super.writeDiff(previous, next, out);
                    }
                };
        AssertionError e =
                assertThrows(
                        AssertionError.class, () -> OracleCheck.run(broken, Counter.class, 5, 50));
        String m = e.getMessage();
        assertTrue(m.contains("seed "), m);
        assertTrue(m.contains("step "), m);
        assertTrue(m.contains("previous state: Counter[count="), m);
        assertTrue(m.contains("next state:     Counter[count=-"), m);
        assertTrue(m.contains("diff JSON: {\"0\":\"oops\"}"), m);
        assertTrue(m.contains("⟦HERE⟧oops"), m);
        assertTrue(m.contains("REPRODUCES in isolation"), m);
    }

    @Test
    void brokenFirstTreeIsReported() {
        LiveRenderer<Counter> broken =
                new CounterRenderer() {
                    @Override
                    public void writeTree(Counter state, Utf8Buffer out) {
                        out.writeUtf8("{\"0\":\"" + state.count() + "\"}"); // forgot the statics
                    }
                };
        AssertionError e =
                assertThrows(
                        AssertionError.class, () -> OracleCheck.run(broken, Counter.class, 1, 1));
        assertTrue(e.getMessage().contains("seed 0, step 0 (first tree)"), e.getMessage());
    }

    @Test
    void nonEmptyDiffForEqualStatesIsReported() {
        LiveRenderer<Counter> chatty =
                new CounterRenderer() {
                    @Override
                    public boolean writeDiff(Counter previous, Counter next, Utf8Buffer out) {
                        out.writeUtf8("{\"0\":\"" + next.count() + "\"}");
                        return true;
                    }
                };
        AssertionError e =
                assertThrows(
                        AssertionError.class, () -> OracleCheck.run(chatty, Counter.class, 1, 3));
        assertTrue(e.getMessage().contains("diff(state, state) must be {}"), e.getMessage());
    }

    @Test
    void innerHtmlOfDocumentsAndFragments() {
        assertEquals(
                "<p>1</p><div>x</div>",
                OracleCheck.innerHtml(
                        "<html><body><div data-lvt-id=\"a\"><p>1</p><div>x</div></div>"
                                + "<script>var a = 1;</script></body></html>"));
        assertEquals(
                "<p>1</p>",
                OracleCheck.innerHtml(
                        "<div class=\"w\" data-lvt-id=\"lvt-1\" data-lvt-loading=\"true\"><p>1</p></div>\n"));
        assertEquals("", OracleCheck.innerHtml("<div data-lvt-id=\"x\"></div>"));
    }

    // ------------------------------------------------------------------------ keyed list

    record Item(String id, String text, boolean done) {}

    record TodoList(String title, int count, List<Item> items) {}

    private static final List<String> ITEM_STATICS =
            List.of("<li data-key=\"", "\" class=\"", "\">", "</li>");

    /**
     * A fragment {@code <h1>{{.Title}}</h1>{{if gt .Count 0}}<b>{{.Count}}</b>{{end}}<ul>{{range
     * .Items}}…{{end}}</ul>} whose diff uses range ops (r, u, a, o).
     */
    static class TodoRenderer implements LiveRenderer<TodoList> {
        @Override
        public String defaultWrapperId() {
            return "lvt-todos";
        }

        private static String itemHtml(Item it) {
            return "<li data-key=\""
                    + escape(it.id())
                    + "\" class=\""
                    + (it.done() ? "done" : "")
                    + "\">"
                    + escape(it.text())
                    + "</li>";
        }

        private static Map<String, Object> itemTree(Item it) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("_k", it.id());
            m.put("0", escape(it.id()));
            m.put("1", it.done() ? "done" : "");
            m.put("2", escape(it.text()));
            return m;
        }

        private static Object countSlot(TodoList s, boolean withStatics) {
            if (s.count() <= 0) {
                return "";
            }
            Map<String, Object> node = new LinkedHashMap<>();
            if (withStatics) {
                node.put("s", List.of("<b>", "</b>"));
            }
            node.put("0", String.valueOf(s.count()));
            return node;
        }

        @Override
        public void writeHtml(TodoList s, String wrapperId, boolean loading, Utf8Buffer out) {
            StringBuilder sb = new StringBuilder();
            sb.append("<div data-lvt-id=\"").append(wrapperId).append("\">");
            sb.append("<h1>").append(escape(s.title())).append("</h1>");
            if (s.count() > 0) {
                sb.append("<b>").append(s.count()).append("</b>");
            }
            sb.append("<ul>");
            s.items().forEach(it -> sb.append(itemHtml(it)));
            sb.append("</ul></div>");
            out.writeUtf8(sb.toString());
        }

        @Override
        public void writeTree(TodoList s, Utf8Buffer out) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("s", List.of("<h1>", "</h1>", "<ul>", "</ul>"));
            root.put("0", escape(s.title()));
            root.put("1", countSlot(s, true));
            Map<String, Object> range = new LinkedHashMap<>();
            range.put("s", ITEM_STATICS);
            range.put("d", s.items().stream().map(TodoRenderer::itemTree).toList());
            root.put("2", range);
            out.writeUtf8(json(root));
        }

        @Override
        public boolean writeDiff(TodoList prev, TodoList next, Utf8Buffer out) {
            Map<String, Object> diff = new LinkedHashMap<>();
            if (!prev.title().equals(next.title())) {
                diff.put("0", escape(next.title()));
            }
            if (prev.count() != next.count()) {
                diff.put("1", countSlot(next, prev.count() <= 0));
            }
            if (!prev.items().equals(next.items())) {
                Map<String, Item> before = new LinkedHashMap<>();
                prev.items().forEach(it -> before.put(it.id(), it));
                Map<String, Item> after = new LinkedHashMap<>();
                next.items().forEach(it -> after.put(it.id(), it));
                List<Object> ops = new ArrayList<>();
                before.keySet().stream()
                        .filter(k -> !after.containsKey(k))
                        .forEach(k -> ops.add(List.of("r", k)));
                for (Item it : next.items()) {
                    Item old = before.get(it.id());
                    if (old != null && !old.equals(it)) {
                        ops.add(List.of("u", it.id(), itemTree(it)));
                    }
                }
                List<Object> added =
                        next.items().stream()
                                .filter(it -> !before.containsKey(it.id()))
                                .map(TodoRenderer::itemTree)
                                .map(Object.class::cast)
                                .toList();
                if (!added.isEmpty()) {
                    ops.add(List.of("a", added));
                }
                List<String> order = next.items().stream().map(Item::id).toList();
                List<String> natural = new ArrayList<>();
                prev.items().stream()
                        .map(Item::id)
                        .filter(after::containsKey)
                        .forEach(natural::add);
                next.items().stream()
                        .map(Item::id)
                        .filter(k -> !before.containsKey(k))
                        .forEach(natural::add);
                if (!order.equals(natural)) {
                    ops.add(List.of("o", order));
                }
                if (!ops.isEmpty()) {
                    diff.put("2", ops);
                }
            }
            out.writeUtf8(json(diff));
            return !diff.isEmpty();
        }
    }

    @Test
    void keyedListWithRangeOpsPasses() {
        OracleCheck.run(new TodoRenderer(), TodoList.class, 30, 40);
    }

    @Test
    void keyedListBugIsFound() {
        // Forgets to reorder: moves and shuffles must be caught.
        LiveRenderer<TodoList> broken =
                new TodoRenderer() {
                    @Override
                    public boolean writeDiff(TodoList prev, TodoList next, Utf8Buffer out) {
                        Utf8Buffer tmp = new Utf8Buffer();
                        boolean changed = super.writeDiff(prev, next, tmp);
                        String s = tmp.toString().replaceAll(",?\\[\"o\",\\[[^\\]]*\\]\\]", "");
                        out.writeUtf8(s.replace("[,", "["));
                        return changed;
                    }
                };
        AssertionError e =
                assertThrows(
                        AssertionError.class,
                        () -> OracleCheck.run(broken, TodoList.class, 30, 40));
        assertTrue(
                Objects.requireNonNull(e.getMessage()).contains("minimal transition"),
                e.getMessage());
    }
}
