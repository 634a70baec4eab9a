package io.github.livetemplate.processor.check;

import io.github.livetemplate.processor.html.Attr;
import io.github.livetemplate.processor.html.HtmlTokenizer;
import io.github.livetemplate.processor.html.Tag;
import io.github.livetemplate.processor.html.TagReader;
import io.github.livetemplate.processor.html.Token;
import io.github.livetemplate.processor.model.Expr;
import io.github.livetemplate.processor.model.Exprs;
import io.github.livetemplate.processor.model.Item;
import io.github.livetemplate.processor.model.Node;
import io.github.livetemplate.processor.model.RangeInfo;
import io.github.livetemplate.processor.model.Var;
import io.github.livetemplate.processor.parse.Pos;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds a range's row key: the first key attribute of the row's first element, when its quoted
 * value is made of static text and printed values (see "Row keys" in docs/templates.md).
 */
final class RowKeys {
    /** Attributes that key a range row, best first (the client and morphdom use data-key). */
    private static final List<String> KEY_ATTRIBUTES =
            List.of(
                    "data-key",
                    "data-lvt-key",
                    "id",
                    "key",
                    "lvt-key",
                    "data-id",
                    "x-key",
                    "v-key");

    private RowKeys() {}

    /**
     * The key of {@code row}, or null (with a warning, unless {@code positional}: the rows of a
     * range over an integer are their positions) when the rows are keyed by position.
     */
    static RangeInfo.Key rowKey(
            Node row,
            Var dot,
            Var index,
            RangeInfo.Shape shape,
            Pos pos,
            String source,
            boolean positional,
            Diagnostics diagnostics) {
        Tag first = firstTag(row);
        if (first != null) {
            for (String name : KEY_ATTRIBUTES) {
                Attr attr =
                        first.attrs().stream()
                                .filter(a -> a.name().equals(name) && a.quoted())
                                .findFirst()
                                .orElse(null);
                if (attr == null) {
                    continue;
                }
                List<Object> parts = rowLocal(keyParts(attr), row, dot, index);
                if (parts != null) {
                    return new RangeInfo.Key(parts, name);
                }
                diagnostics.warning(
                        pos,
                        "UnkeyedRange",
                        "the "
                                + name
                                + " of the rows of {{range "
                                + source
                                + "}} is not made of plain values, so rows are keyed by position");
                return null;
            }
        }
        if (shape == RangeInfo.Shape.MAP) {
            return new RangeInfo.Key(List.of(), null);
        }
        if (positional) {
            return null; // a range over an integer: row i is the number i, its position
        }
        diagnostics.warning(
                pos,
                "UnkeyedRange",
                "the rows of {{range "
                        + source
                        + "}} have no "
                        + "data-key, so they are keyed by position and inserting or removing a row re-sends "
                        + "every row after it; add data-key=\"{{.ID}}\" (a unique value) to the row's first element");
        return null;
    }

    /** The row's first start tag, when only white space comes before it. */
    private static Tag firstTag(Node row) {
        TagReader reader = new TagReader(HtmlTokenizer.GO_RAW_TEXT);
        for (Item item : row.items()) {
            if (item instanceof Item.Static s) {
                reader.text(s.text(), s.pos().offset());
            } else if (item instanceof Item.Slot slot) {
                reader.dynamic(slot);
            }
        }
        for (Token token : reader.tokens()) {
            if (token instanceof Tag t) {
                return t.end() ? null : t;
            }
            if (token instanceof Token.Text text && text.text().isBlank()) {
                continue;
            }
            if (token instanceof Token.Dynamic d && d.inTag()) {
                continue; // inside the first tag: part of it
            }
            return null;
        }
        return null;
    }

    /** Static text and printed values, or null when another kind of slot is in the value. */
    private static List<Object> keyParts(Attr attr) {
        List<Object> parts = new ArrayList<>();
        for (Attr.Part p : attr.value()) {
            if (p instanceof Attr.Part.Static s) {
                if (!parts.isEmpty() && parts.get(parts.size() - 1) instanceof String before) {
                    parts.set(parts.size() - 1, before + s.text());
                } else {
                    parts.add(s.text());
                }
            } else if (((Attr.Part.Dynamic) p).payload() instanceof Item.Print print) {
                parts.add(print.value());
            } else {
                return null;
            }
        }
        return parts.stream().anyMatch(p -> p instanceof Expr) ? parts : null;
    }

    /**
     * Key parts rewritten to read only the row and its index: variables the row declared (such as
     * the dot of an inlined {@code {{template}}}) are replaced by their values. Null when a part
     * still needs anything else, since keys are computed from a row alone.
     */
    private static List<Object> rowLocal(List<Object> parts, Node row, Var dot, Var index) {
        if (parts == null) {
            return null;
        }
        Map<Var, Expr> lets = new HashMap<>();
        for (Item item : row.items()) {
            if (item instanceof Item.Let let) {
                if (let.assign()) {
                    lets.remove(let.var());
                } else {
                    lets.put(let.var(), let.value());
                }
            }
        }
        List<Object> out = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Expr e) {
                Expr local = Exprs.substitute(e, lets);
                if (local == null
                        || !Exprs.vars(local).stream().allMatch(v -> v == dot || v == index)) {
                    return null;
                }
                out.add(local);
            } else {
                out.add(part);
            }
        }
        return out;
    }
}
