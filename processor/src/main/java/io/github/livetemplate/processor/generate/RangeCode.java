package io.github.livetemplate.processor.generate;

import static io.github.livetemplate.processor.generate.RuntimeTypes.JSON;
import static io.github.livetemplate.processor.generate.RuntimeTypes.ROWS;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.github.livetemplate.processor.model.Item;
import io.github.livetemplate.processor.model.Node;
import io.github.livetemplate.processor.model.RangeInfo;
import io.github.livetemplate.processor.model.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a {@code range} stands in a node, in each view: its rows in slot {@code slot} and its
 * optional else in the next. The row methods themselves are {@link RowMethods}'.
 */
final class RangeCode {
    private final RendererClass c;
    private final CodeBlock.Builder code;
    private final RangeInfo r;
    private final Item.RangeElse otherwise;
    private final int slot;

    /** The local holding the rows. */
    private final String rows;

    RangeCode(
            RendererClass c,
            CodeBlock.Builder code,
            RangeInfo r,
            Item.RangeElse otherwise,
            int slot) {
        this.c = c;
        this.code = code;
        this.r = r;
        this.otherwise = otherwise;
        this.slot = slot;
        this.rows = Character.toLowerCase(r.name().charAt(0)) + r.name().substring(1);
    }

    /** The type of the rows: elements, or map entries. */
    static TypeName listType(RangeInfo r) {
        return ParameterizedTypeName.get(RendererGenerator.LIST, TypeName.get(r.elementType()));
    }

    void html(Binding b) {
        rows(b, "");
        if (otherwise != null) {
            code.beginControlFlow("if ($L.isEmpty())", rows);
            code.addStatement(
                    "html$L($L)",
                    otherwise.body().name(),
                    b.args(otherwise.body().params(), Map.of()));
            code.endControlFlow();
        }
        code.beginControlFlow("for (int i = 0; i < $L.size(); i++)", rows);
        code.addStatement("html$LRow($L.get(i), i$L, out)", r.name(), rows, b.tail(outer()));
        code.endControlFlow();
    }

    void tree(Binding b) {
        rows(b, "");
        code.addStatement("$T.slot(out, $L)", JSON, slot);
        if (c.template().wrapped().contains(r)) {
            // Its parent element has other slots: keep the range off the client's top level, where
            // range operations skip the morph of that element (see TemplateCompiler).
            code.addStatement("$T.openSingleSlotNode(out)", JSON);
            code.addStatement("tree$L($L$L, out)", r.name(), rows, b.tail(outer()));
            code.addStatement("out.writeByte('}')");
        } else {
            code.addStatement("tree$L($L$L, out)", r.name(), rows, b.tail(outer()));
        }
        if (otherwise != null) {
            code.addStatement("$T.slot(out, $L)", JSON, slot + 1);
            code.beginControlFlow("if ($L.isEmpty())", rows);
            NestedCode.tree(c, code, otherwise.body(), b, Map.of());
            code.nextControlFlow("else");
            code.addStatement("out.writeBytes('\"', '\"')");
            code.endControlFlow();
        }
    }

    /** The range operations between the two states' rows; then the else's changes, if any. */
    void diff(DiffBinding d) {
        rows(d.prev(), "Prev");
        code.addStatement("$T $LNext = $L", listType(r), rows, rowsOf(d.next()));
        List<CodeBlock> changed = new ArrayList<>();
        changed.add(CodeBlock.of("$LPrev != $LNext", rows, rows));
        for (Var v : outer()) {
            changed.add(CodeBlock.of("$L != $L", d.prev().get(v), d.next().get(v)));
        }
        code.beginControlFlow("if ($L)", CodeBlock.join(changed, " || "));
        rowsDiff(d);
        code.endControlFlow();
        if (otherwise != null) {
            elseDiff(d, otherwise.body());
        }
    }

    private void rowsDiff(DiffBinding d) {
        code.addStatement("int mark = out.length()");
        code.addStatement("$T.entry(out, $L)", JSON, slot);
        boolean wrapped = c.template().wrapped().contains(r);
        if (wrapped) {
            code.addStatement("$T.openSingleSlotDiff(out)", JSON);
        }
        code.beginControlFlow("if ($L.diff($LPrev, $LNext, out))", differ(d), rows, rows);
        if (wrapped) {
            code.addStatement("out.writeByte('}')");
        }
        code.addStatement("out.writeByte(',')");
        code.nextControlFlow("else");
        code.addStatement("out.setLength(mark)");
        code.endControlFlow();
    }

    /** The else appears or goes when the rows do; while shown it may change itself. */
    private void elseDiff(DiffBinding d, Node e) {
        code.beginControlFlow("if ($LPrev.isEmpty() != $LNext.isEmpty())", rows, rows);
        code.beginControlFlow("if ($LNext.isEmpty())", rows);
        NestedCode.replace(c, code, slot + 1, e, d.next(), Map.of());
        code.nextControlFlow("else");
        code.addStatement("$T.clear(out, $L)", JSON, slot + 1);
        code.endControlFlow();
        if (!e.isStatic()) {
            code.nextControlFlow("else if ($LNext.isEmpty())", rows);
            NestedCode.diff(code, slot + 1, e, d, Map.of(), Map.of());
        }
        code.endControlFlow();
    }

    /** The shared differ of rows that read nothing outside, else one holding both states. */
    private CodeBlock differ(DiffBinding d) {
        if (outer().isEmpty()) {
            return CodeBlock.of("$L", RangeDiffClass.singleton(r));
        }
        List<CodeBlock> args = new ArrayList<>();
        for (Var v : outer()) {
            args.add(d.prev().get(v));
            args.add(d.next().get(v));
        }
        return CodeBlock.of("new $L($L)", r.name(), CodeBlock.join(args, ", "));
    }

    private void comment() {
        code.add("// {{range $L}} $L\n", r.source(), c.at(r.pos()));
    }

    private void rows(Binding b, String suffix) {
        comment();
        code.addStatement("$T $L$L = $L", listType(r), rows, suffix, rowsOf(b));
    }

    private CodeBlock rowsOf(Binding b) {
        CodeBlock collection = b.of(r.collection());
        return r.shape() == RangeInfo.Shape.MAP
                ? CodeBlock.of("$T.entries($L)", ROWS, collection)
                : CodeBlock.of("$T.of($L)", ROWS, collection);
    }

    /** Outer variables a row reads: the row method's parameters after the row itself. */
    private List<Var> outer() {
        return RowMethods.outer(r);
    }
}
