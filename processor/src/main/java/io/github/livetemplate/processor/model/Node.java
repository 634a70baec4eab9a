package io.github.livetemplate.processor.model;

import io.github.livetemplate.processor.parse.Pos;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A tree node in the client's format: statics interleaved with slots. The root body, each branch of
 * a conditional, each {@code with} body, each range row and range else is a node. Generated code
 * gets one method per node and view (html, tree, diff).
 */
public final class Node {
    private final String name;
    private final Pos pos;
    private final List<Item> items = new ArrayList<>();

    /** Variables declared outside this node that it (or a node inside it) reads. */
    private final Set<Var> params = new LinkedHashSet<>();

    /**
     * @param name a Java identifier part naming the node after its template construct and line,
     *     such as {@code If38Then}
     */
    public Node(String name, Pos pos) {
        this.name = name;
        this.pos = pos;
    }

    public String name() {
        return name;
    }

    public Pos pos() {
        return pos;
    }

    public List<Item> items() {
        return items;
    }

    public Set<Var> params() {
        return params;
    }

    /** The slots of the live part, in order; their index is their tree key. */
    public List<Item.Slot> slots() {
        List<Item.Slot> slots = new ArrayList<>();
        for (Item item : items) {
            if (item instanceof Item.Slot slot && item.live()) {
                slots.add(slot);
            }
        }
        return slots;
    }

    /** The statics of the live part: one more than there are slots. */
    public List<String> statics() {
        List<String> statics = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (Item item : items) {
            if (!item.live()) {
                continue;
            }
            if (item instanceof Item.Static text) {
                current.append(text.text());
            } else if (item instanceof Item.Slot) {
                statics.add(current.toString());
                current.setLength(0);
            }
        }
        statics.add(current.toString());
        return statics;
    }

    /** Whether the live part has no slots: its HTML never changes. */
    public boolean isStatic() {
        return slots().isEmpty();
    }

    /** The whole live text of a static node. */
    public String staticText() {
        return String.join("", statics());
    }
}
