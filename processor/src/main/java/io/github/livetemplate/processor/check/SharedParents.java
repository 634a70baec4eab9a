package io.github.livetemplate.processor.check;

import io.github.livetemplate.processor.html.HtmlTokenizer;
import io.github.livetemplate.processor.html.Tag;
import io.github.livetemplate.processor.html.TagReader;
import io.github.livetemplate.processor.html.Token;
import io.github.livetemplate.processor.model.Item;
import io.github.livetemplate.processor.model.Node;
import io.github.livetemplate.processor.model.RangeInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Top-level ranges whose parent element holds other slots. The 0.25.1 client applies range
 * operations of a top-level range straight to the DOM and then leaves the rows' parent element out
 * of its morph, so another slot in that element changed by the same update would not show. Such a
 * range is sent inside a node of its own, which the client always morphs.
 */
final class SharedParents {
    private static final Set<String> VOID_ELEMENTS =
            Set.of(
                    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                    "source", "track", "wbr");

    private SharedParents() {}

    /** An open element (or the page itself): the slots in its content so far. */
    private static final class Open {
        final String name;
        int slots;
        final List<RangeInfo> ranges = new ArrayList<>();

        Open(String name) {
            this.name = name;
        }
    }

    static Set<RangeInfo> of(Node page) {
        TagReader reader = new TagReader(HtmlTokenizer.GO_RAW_TEXT);
        for (Item item : page.items()) {
            if (!item.live()) {
                continue;
            }
            if (item instanceof Item.Static s) {
                reader.text(s.text(), s.pos().offset());
            } else if (item instanceof Item.Slot slot) {
                reader.dynamic(slot);
            }
        }
        Set<RangeInfo> wrapped = new HashSet<>();
        Deque<Open> open = new ArrayDeque<>();
        open.push(new Open(""));
        for (Token token : reader.tokens()) {
            if (token instanceof Token.Dynamic d) {
                // A slot in a child's start tag is in the parent's content.
                Open parent = open.peek();
                parent.slots++;
                if (d.payload() instanceof Item.Rows rows) {
                    parent.ranges.add(rows.range());
                }
            } else if (token instanceof Tag t && t.end()) {
                if (open.stream().anyMatch(o -> o.name.equals(t.name()))) {
                    Open closed;
                    do {
                        closed = open.pop();
                        finish(closed, wrapped);
                        open.peek().slots += closed.slots;
                    } while (!closed.name.equals(t.name()));
                }
            } else if (token instanceof Tag t
                    && !t.selfClosing()
                    && !VOID_ELEMENTS.contains(t.name())) {
                open.push(new Open(t.name()));
            }
        }
        while (!open.isEmpty()) {
            Open closed = open.pop();
            finish(closed, wrapped);
            if (!open.isEmpty()) {
                open.peek().slots += closed.slots;
            }
        }
        return wrapped;
    }

    private static void finish(Open element, Set<RangeInfo> wrapped) {
        if (element.slots > 1) {
            wrapped.addAll(element.ranges);
        }
    }
}
