package io.github.livetemplate.processor.generate;

import static io.github.livetemplate.processor.generate.RuntimeTypes.SLOTS;
import static io.github.livetemplate.processor.generate.RuntimeTypes.UTF8_BUFFER;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import io.github.livetemplate.processor.model.Expr;
import io.github.livetemplate.processor.model.Node;
import io.github.livetemplate.processor.model.RangeInfo;
import io.github.livetemplate.processor.model.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * The methods of one range: the HTML of a row, and for live ranges the row key, the complete range
 * node, one complete row, a row's changed slots and the range's differ class.
 */
final class RowMethods {
    private final RendererClass c;
    private final RangeInfo r;
    private final Node row;
    private final TypeName rowType;

    private RowMethods(RendererClass c, RangeInfo r) {
        this.c = c;
        this.r = r;
        this.row = r.row();
        this.rowType = TypeName.get(r.elementType());
    }

    static void write(RendererClass c, RangeInfo r, boolean live) {
        RowMethods m = new RowMethods(c, r);
        m.htmlRow();
        if (live) {
            m.key();
            m.treeRange();
            m.treeRow();
            m.diffRow();
            RangeDiffClass.write(c, r);
        }
    }

    /** Outer variables a row reads: the row method's parameters after the row itself. */
    static List<Var> outer(RangeInfo r) {
        return new ArrayList<>(r.row().params());
    }

    private void htmlRow() {
        MethodSpec.Builder m =
                c.method("html" + r.name() + "Row", row, "Writes the HTML of one row of");
        Binding b = rowParams(m);
        c.add(m.addCode(new HtmlWriter(c, row, b, false).body()));
    }

    private void key() {
        MethodSpec.Builder m =
                c.method("key" + r.name(), row, "The key of one row of")
                        .returns(String.class)
                        .addParameter(rowType, "row")
                        .addParameter(int.class, "index");
        Binding names = Binding.row(r, "row", "index", List.of(), "");
        if (r.key() == null) {
            m.addStatement("return $T.toString(index)", Integer.class);
        } else if (r.key().parts().isEmpty()) {
            m.addStatement("return $T.text(row.getKey())", SLOTS);
        } else {
            List<CodeBlock> parts = new ArrayList<>();
            for (Object part : r.key().parts()) {
                parts.add(
                        part instanceof String s
                                ? CodeBlock.of("$S", s)
                                : CodeBlock.of("$T.text($L)", SLOTS, names.of((Expr) part)));
            }
            m.addStatement("return $L", CodeBlock.join(parts, " + "));
        }
        c.add(m);
    }

    private void treeRange() {
        MethodSpec.Builder m =
                c.method("tree" + r.name(), row, "Writes the complete range node of")
                        .addParameter(RangeCode.listType(r), "rows");
        Binding b = Binding.empty("");
        outer(r).forEach(v -> b.param(m, v));
        m.addParameter(UTF8_BUFFER, "out");
        m.addStatement("out.write($L)", c.constants().rangeOpening(r));
        m.beginControlFlow("for (int i = 0; i < rows.size(); i++)");
        m.beginControlFlow("if (i > 0)").addStatement("out.writeByte(',')").endControlFlow();
        m.addStatement("tree$LRow(rows.get(i), i$L, out)", r.name(), b.tail(outer(r)));
        m.endControlFlow();
        m.addStatement("out.writeBytes(']', '}')");
        c.add(m);
    }

    private void treeRow() {
        MethodSpec.Builder m =
                c.method("tree" + r.name() + "Row", row, "Writes one complete row of");
        Binding b = rowParams(m);
        m.addStatement("out.writeAscii($S)", "{\"_k\":");
        if (r.key() == null) {
            // A positional key is the row's index: its digits need no String.
            m.addStatement("out.writeByte('\"')").addStatement("out.writeInt(index)");
            m.addStatement("out.writeByte('\"')");
        } else {
            m.addStatement("out.writeJsonString(key$L(row, index))", r.name());
        }
        m.addCode(new TreeWriter(c, row, b).body());
        m.addStatement("out.writeByte('}')");
        c.add(m);
    }

    private void diffRow() {
        MethodSpec.Builder m =
                c.method("diff" + r.name() + "Row", row, "Writes the changed slots of one row of");
        m.addParameter(rowType, "rowPrev")
                .addParameter(rowType, "rowNext")
                .addParameter(int.class, "indexPrev")
                .addParameter(int.class, "indexNext");
        DiffBinding d =
                new DiffBinding(
                        Binding.row(r, "rowPrev", "indexPrev", outer(r), "Prev"),
                        Binding.row(r, "rowNext", "indexNext", outer(r), "Next"));
        for (Var v : outer(r)) {
            d.prev().param(m, v);
            d.next().param(m, v);
        }
        m.addParameter(UTF8_BUFFER, "out");
        c.add(m.addCode(new DiffWriter(c, row, d).body()));
    }

    /** {@code row, index}, the outer variables, {@code out}; the row's names for one state. */
    private Binding rowParams(MethodSpec.Builder m) {
        m.addParameter(rowType, "row").addParameter(int.class, "index");
        Binding b = Binding.row(r, "row", "index", outer(r), "");
        outer(r).forEach(v -> b.param(m, v));
        m.addParameter(UTF8_BUFFER, "out");
        return b;
    }
}
