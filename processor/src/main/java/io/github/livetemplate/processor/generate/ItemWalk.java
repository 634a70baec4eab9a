package io.github.livetemplate.processor.generate;

import com.palantir.javapoet.CodeBlock;
import io.github.livetemplate.processor.model.Item;
import io.github.livetemplate.processor.model.Node;
import java.util.List;

/**
 * The statements of one view of a node, in template order. The walk is the same for every view: it
 * groups a chain's branches and a range with its else, numbers the live slots (a slot's number is
 * its key in the client's tree), and hands each construct to the view's writer.
 */
abstract class ItemWalk {
    final RendererClass c;
    final Node node;
    final CodeBlock.Builder code = CodeBlock.builder();

    ItemWalk(RendererClass c, Node node) {
        this.c = c;
        this.node = node;
    }

    final CodeBlock body() {
        List<Item> items = node.items();
        int slot = 0;
        for (int i = 0; i < items.size(); ) {
            Item item = items.get(i);
            int size = size(items, i);
            enter(item);
            if (item instanceof Item.Static s) {
                text(s);
            } else if (item instanceof Item.Let let) {
                code.add("// $L $L\n", let.var().description(), c.at(let.pos()));
                let(let);
            } else if (writes(item)) {
                write(items.subList(i, i + size), slot);
            }
            if (item instanceof Item.Slot && item.live()) {
                slot += size;
            }
            i += size;
        }
        leave();
        return code.build();
    }

    /** Whether this view writes {@code item}: the tree and diff only know the live part. */
    boolean writes(Item item) {
        return item.live();
    }

    /** Called before each construct. */
    void enter(Item item) {}

    /** Template text; only the HTML view writes it, the others send statics once. */
    void text(Item.Static s) {}

    /** After the last item. */
    void leave() {}

    abstract void let(Item.Let let);

    abstract void print(Item.Print p, int slot);

    abstract void conditional(ConditionalCode chain);

    abstract void range(RangeCode range);

    private void write(List<Item> construct, int slot) {
        Item first = construct.get(0);
        if (first instanceof Item.Print p) {
            code.add("// {{$L}} $L\n", p.source(), c.at(p.pos()));
            print(p, slot);
        } else if (first instanceof Item.Branch) {
            List<Item.Branch> branches = construct.stream().map(Item.Branch.class::cast).toList();
            conditional(new ConditionalCode(c, code, branches, slot));
        } else if (first instanceof Item.Rows rows) {
            Item.RangeElse otherwise =
                    construct.size() > 1 ? (Item.RangeElse) construct.get(1) : null;
            range(new RangeCode(c, code, rows.range(), otherwise, slot));
        }
    }

    /** How many items, from {@code i}, form one construct: a chain's branches, a range's else. */
    private static int size(List<Item> items, int i) {
        int size = 1;
        if (items.get(i) instanceof Item.Branch br) {
            while (i + size < items.size()
                    && items.get(i + size) instanceof Item.Branch next
                    && next.group() == br.group()) {
                size++;
            }
        } else if (items.get(i) instanceof Item.Rows rows
                && i + 1 < items.size()
                && items.get(i + 1) instanceof Item.RangeElse e
                && e.range() == rows.range()) {
            size = 2;
        }
        return size;
    }
}
