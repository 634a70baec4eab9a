package io.github.livetemplate.processor.generate;

import static io.github.livetemplate.processor.generate.RuntimeTypes.JSON;
import static io.github.livetemplate.processor.generate.RuntimeTypes.UTF8_BUFFER;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import io.github.livetemplate.processor.model.Expr;
import io.github.livetemplate.processor.model.Item;
import io.github.livetemplate.processor.model.Node;
import io.github.livetemplate.processor.model.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * The diff view: only the slots whose value differs between two states, as {@code "key":value,}
 * entries. A value is rewritten when one of its inputs differs.
 */
final class DiffWriter extends ItemWalk {
    private final DiffBinding d;

    DiffWriter(RendererClass c, Node node, DiffBinding d) {
        super(c, node);
        this.d = d;
    }

    /** {@code diffPage(previous, next, out)}. */
    static void page(RendererClass c) {
        Node page = c.template().page();
        write(c, page, "diffPage", c.template().pageVars());
    }

    static void node(RendererClass c, Node n) {
        if (!n.isStatic()) { // a static node never changes
            write(c, n, "diff" + n.name(), n.params());
        }
    }

    private static void write(RendererClass c, Node n, String name, Iterable<Var> params) {
        MethodSpec.Builder m = c.method(name, n, "Writes the changed slots of");
        DiffBinding d = DiffBinding.params(m, params);
        m.addParameter(UTF8_BUFFER, "out");
        c.add(m.addCode(new DiffWriter(c, n, d).body()));
    }

    @Override
    void let(Item.Let let) {
        d.let(code, let);
    }

    @Override
    void print(Item.Print p, int slot) {
        List<Expr> inputs = ExprCode.inputs(p.value());
        if (inputs.isEmpty()) {
            return; // a constant
        }
        List<CodeBlock> tests = new ArrayList<>();
        for (Expr in : inputs) {
            tests.add(ExprCode.differs(in, d.prev().of(in), d.next().of(in)));
        }
        code.beginControlFlow("if ($L)", CodeBlock.join(tests, " || "));
        code.addStatement("$T.entry(out, $L)", JSON, slot);
        ValueCode.write(code, p.value(), d.next().of(p.value()), p.escaper(), true);
        code.addStatement("out.writeByte(',')");
        code.endControlFlow();
    }

    @Override
    void conditional(ConditionalCode chain) {
        chain.diff(d);
    }

    @Override
    void range(RangeCode range) {
        range.diff(d);
    }
}
