package io.github.livetemplate.processor.generate;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import io.github.livetemplate.processor.model.Item;
import io.github.livetemplate.processor.model.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The two states a diff method compares: each variable as {@code …Prev} and {@code …Next}. */
record DiffBinding(Binding prev, Binding next) {

    /** Declares each of {@code vars} as a {@code Prev}, {@code Next} parameter pair. */
    static DiffBinding params(MethodSpec.Builder m, Iterable<Var> vars) {
        DiffBinding d = new DiffBinding(Binding.empty("Prev"), Binding.empty("Next"));
        for (Var v : vars) {
            d.prev.param(m, v);
            d.next.param(m, v);
        }
        return d;
    }

    void let(CodeBlock.Builder code, Item.Let let) {
        prev.let(code, let);
        next.let(code, let);
    }

    /** Arguments of a nested diff method: each parameter's pair, then {@code out}. */
    CodeBlock args(
            Iterable<Var> params, Map<Var, CodeBlock> extraPrev, Map<Var, CodeBlock> extraNext) {
        List<CodeBlock> args = new ArrayList<>();
        for (Var v : params) {
            args.add(prev.value(v, extraPrev));
            args.add(next.value(v, extraNext));
        }
        args.add(CodeBlock.of("out"));
        return CodeBlock.join(args, ", ");
    }
}
