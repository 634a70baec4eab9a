package io.github.livetemplate.processor.generate;

import static io.github.livetemplate.processor.generate.RuntimeTypes.JSON;
import static io.github.livetemplate.processor.generate.RuntimeTypes.UTF8_BUFFER;

import com.palantir.javapoet.MethodSpec;
import io.github.livetemplate.processor.model.Item;
import io.github.livetemplate.processor.model.Node;
import io.github.livetemplate.processor.model.Var;

/**
 * The tree view: a node's complete tree JSON, {@code {"s":[statics],"0":…,"1":…}}, for the client's
 * first render. Statics are one pre-encoded constant; each slot is written by key.
 */
final class TreeWriter extends ItemWalk {
    private final Binding b;

    TreeWriter(RendererClass c, Node node, Binding b) {
        super(c, node);
        this.b = b;
    }

    /** {@code treePage(state, out)}: the tree of the page's live part. */
    static void page(RendererClass c) {
        Node page = c.template().page();
        write(c, page, "treePage", "Writes the tree of the live part of", c.template().pageVars());
    }

    static void node(RendererClass c, Node n) {
        if (NestedCode.asString(n)) {
            return; // written as a pre-encoded string by the caller
        }
        write(c, n, "tree" + n.name(), "Writes the complete tree of", n.params());
    }

    private static void write(
            RendererClass c, Node n, String name, String what, Iterable<Var> params) {
        MethodSpec.Builder m = c.method(name, n, what);
        Binding b = Binding.params(m, params);
        m.addParameter(UTF8_BUFFER, "out");
        m.addStatement("out.write($L)", c.constants().treeOpening(n));
        m.addCode(new TreeWriter(c, n, b).body());
        m.addStatement("out.writeByte('}')");
        c.add(m);
    }

    @Override
    void let(Item.Let let) {
        b.let(code, let);
    }

    @Override
    void print(Item.Print p, int slot) {
        code.addStatement("$T.slot(out, $L)", JSON, slot);
        ValueCode.write(code, p.value(), b.of(p.value()), p.escaper(), true);
    }

    @Override
    void conditional(ConditionalCode chain) {
        chain.tree(b);
    }

    @Override
    void range(RangeCode range) {
        range.tree(b);
    }
}
