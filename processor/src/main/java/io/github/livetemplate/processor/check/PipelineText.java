package io.github.livetemplate.processor.check;

import io.github.livetemplate.processor.parse.Ast;
import java.util.ArrayList;
import java.util.List;

/** Template source text of a pipeline, rebuilt from the parse tree for generated comments. */
final class PipelineText {
    private PipelineText() {}

    static String of(Ast.Pipeline p) {
        StringBuilder b = new StringBuilder();
        if (!p.decl().isEmpty()) {
            List<String> names = new ArrayList<>();
            p.decl().forEach(v -> names.add(v.name()));
            b.append(String.join(", ", names)).append(p.isAssign() ? " = " : " := ");
        }
        List<String> cmds = new ArrayList<>();
        for (Ast.Command c : p.cmds()) {
            List<String> args = new ArrayList<>();
            c.args().forEach(a -> args.add(arg(a)));
            cmds.add(String.join(" ", args));
        }
        return b.append(String.join(" | ", cmds)).toString();
    }

    private static String arg(Ast.Arg a) {
        if (a instanceof Ast.Dot) {
            return ".";
        } else if (a instanceof Ast.Nil) {
            return "nil";
        } else if (a instanceof Ast.Bool bool) {
            return String.valueOf(bool.value());
        } else if (a instanceof Ast.Number n) {
            return n.text();
        } else if (a instanceof Ast.StringLit s) {
            return s.quoted();
        } else if (a instanceof Ast.Identifier id) {
            return id.name();
        } else if (a instanceof Ast.Field f) {
            return "." + String.join(".", f.names());
        } else if (a instanceof Ast.Variable v) {
            return v.name() + (v.fields().isEmpty() ? "" : "." + String.join(".", v.fields()));
        } else if (a instanceof Ast.Chain c) {
            return arg(c.operand()) + "." + String.join(".", c.fields());
        }
        return "(" + of(((Ast.PipeArg) a).pipe()) + ")";
    }
}
