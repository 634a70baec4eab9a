package io.github.livetemplate.processor.generate;

import static io.github.livetemplate.processor.generate.RuntimeTypes.JSON;

import com.palantir.javapoet.CodeBlock;
import io.github.livetemplate.processor.model.Node;
import io.github.livetemplate.processor.model.Var;
import java.util.Map;

/**
 * A node inside a slot (a branch body, a range's else) in the tree and diff views, shared by
 * conditionals and ranges.
 */
final class NestedCode {
    private NestedCode() {}

    /**
     * Whether the tree view sends a static node as a plain JSON string; the client renders a string
     * of the shape {@code {{…}}} as empty, so such text needs a node.
     */
    static boolean asString(Node n) {
        if (!n.isStatic()) {
            return false;
        }
        String text = n.staticText();
        return !(text.startsWith("{{") && text.endsWith("}}"));
    }

    /** The complete tree of {@code body}. */
    static void tree(
            RendererClass c,
            CodeBlock.Builder code,
            Node body,
            Binding b,
            Map<Var, CodeBlock> extra) {
        if (asString(body)) {
            code.addStatement("out.write($L)", c.constants().text(body));
        } else {
            code.addStatement("tree$L($L)", body.name(), b.args(body.params(), extra));
        }
    }

    /** Slot {@code slot} set to the complete tree of {@code body}. */
    static void replace(
            RendererClass c,
            CodeBlock.Builder code,
            int slot,
            Node body,
            Binding b,
            Map<Var, CodeBlock> extra) {
        code.addStatement("$T.entry(out, $L)", JSON, slot);
        tree(c, code, body, b, extra);
        code.addStatement("out.writeByte(',')");
    }

    /**
     * The changed slots of {@code body} as the entry of {@code slot}; nothing when none changed.
     */
    static void diff(
            CodeBlock.Builder code,
            int slot,
            Node body,
            DiffBinding d,
            Map<Var, CodeBlock> extraPrev,
            Map<Var, CodeBlock> extraNext) {
        code.addStatement("int mark = out.length()");
        code.addStatement("$T.entry(out, $L)", JSON, slot);
        code.addStatement("out.writeByte('{')");
        code.addStatement("diff$L($L)", body.name(), d.args(body.params(), extraPrev, extraNext));
        code.addStatement("$T.endNested(out, mark)", JSON);
    }
}
