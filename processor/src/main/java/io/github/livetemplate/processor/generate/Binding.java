package io.github.livetemplate.processor.generate;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import io.github.livetemplate.processor.model.Expr;
import io.github.livetemplate.processor.model.Item;
import io.github.livetemplate.processor.model.RangeInfo;
import io.github.livetemplate.processor.model.Var;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How generated code names the template's variables for one state. Html and tree methods see one
 * state (suffix ""); diff methods see two, {@code …Prev} and {@code …Next} (see {@link
 * DiffBinding}).
 */
final class Binding {
    private final String suffix;
    private final Map<Var, CodeBlock> names;

    private Binding(String suffix, Map<Var, CodeBlock> names) {
        this.suffix = suffix;
        this.names = names;
    }

    static Binding empty(String suffix) {
        return new Binding(suffix, new LinkedHashMap<>());
    }

    /** Declares {@code vars} as parameters of {@code m}. */
    static Binding params(MethodSpec.Builder m, Iterable<Var> vars) {
        Binding b = empty("");
        vars.forEach(v -> b.param(m, v));
        return b;
    }

    /** A row's dot and index bound to the row element and its position, then outer parameters. */
    static Binding row(RangeInfo r, String row, String index, List<Var> outer, String suffix) {
        Binding b = empty(suffix);
        boolean map = r.shape() == RangeInfo.Shape.MAP;
        b.names.put(r.dot(), map ? CodeBlock.of("$L.getValue()", row) : CodeBlock.of("$L", row));
        if (r.index() != null) {
            b.names.put(
                    r.index(), map ? CodeBlock.of("$L.getKey()", row) : CodeBlock.of("$L", index));
        }
        outer.forEach(v -> b.names.put(v, CodeBlock.of("$L", b.local(v))));
        return b;
    }

    /** The Java name of {@code v} in this state, as a parameter or local. */
    String local(Var v) {
        return v.javaName() + suffix;
    }

    void param(MethodSpec.Builder m, Var v) {
        m.addParameter(TypeName.get(v.type()), local(v));
        names.put(v, CodeBlock.of("$L", local(v)));
    }

    CodeBlock get(Var v) {
        return names.get(v);
    }

    CodeBlock of(Expr e) {
        return ExprCode.of(e, names);
    }

    /** Declares or assigns a template variable; later items see the local. */
    void let(CodeBlock.Builder code, Item.Let let) {
        Var v = let.var();
        CodeBlock value = of(let.value());
        if (let.assign()) {
            code.addStatement("$L = $L", names.get(v), value);
        } else {
            code.addStatement("$T $L = $L", TypeName.get(v.type()), local(v), value);
            names.put(v, CodeBlock.of("$L", local(v)));
        }
    }

    /** The values of {@code params}, {@code extra} first (a with's dot), then {@code out}. */
    CodeBlock args(Iterable<Var> params, Map<Var, CodeBlock> extra) {
        List<CodeBlock> args = new ArrayList<>();
        for (Var v : params) {
            args.add(value(v, extra));
        }
        args.add(CodeBlock.of("out"));
        return CodeBlock.join(args, ", ");
    }

    CodeBlock value(Var v, Map<Var, CodeBlock> extra) {
        CodeBlock c = extra.containsKey(v) ? extra.get(v) : names.get(v);
        if (c == null) {
            throw new IllegalStateException("no value for " + v + " (" + v.description() + ")");
        }
        return c;
    }

    /** {@code , a, b} for arguments after fixed ones. */
    CodeBlock tail(List<Var> vars) {
        CodeBlock.Builder b = CodeBlock.builder();
        vars.forEach(v -> b.add(", $L", names.get(v)));
        return b.build();
    }
}
