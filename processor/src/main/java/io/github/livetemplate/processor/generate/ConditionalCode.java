package io.github.livetemplate.processor.generate;

import static io.github.livetemplate.processor.generate.RuntimeTypes.JSON;
import static io.github.livetemplate.processor.generate.RuntimeTypes.RECURSION;

import com.palantir.javapoet.CodeBlock;
import io.github.livetemplate.processor.model.Item;
import io.github.livetemplate.processor.model.Var;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@code if}/{@code with} chain in each view. The generated code first computes the index of the
 * branch taken; each branch with output has its own slot, starting at {@code firstSlot}.
 */
final class ConditionalCode {
    private final RendererClass c;
    private final CodeBlock.Builder code;
    private final List<Item.Branch> branches;
    private final Item.Conditional chain;
    private final int firstSlot;

    /** The local holding the index of the branch taken. */
    private final String taken;

    ConditionalCode(
            RendererClass c, CodeBlock.Builder code, List<Item.Branch> branches, int firstSlot) {
        this.c = c;
        this.code = code;
        this.branches = branches;
        this.chain = branches.get(0).group();
        this.firstSlot = firstSlot;
        this.taken = Character.toLowerCase(chain.name().charAt(0)) + chain.name().substring(1);
    }

    /** Calls the html method of the branch taken. */
    void html(Binding b) {
        comment();
        enter();
        code.addStatement("int $L = $L", taken, select(b));
        code.beginControlFlow("switch ($L)", taken);
        for (Item.Branch br : branches) {
            code.addStatement(
                    "case $L -> html$L($L)",
                    br.branch(),
                    br.body().name(),
                    b.args(br.body().params(), dots(br, b)));
        }
        code.add("default -> { }\n");
        code.endControlFlow();
        exit();
    }

    /** Every branch's slot: the tree of the branch taken, empty strings for the others. */
    void tree(Binding b) {
        comment();
        enter();
        code.addStatement("int $L = $L", taken, select(b));
        for (int k = 0; k < branches.size(); k++) {
            Item.Branch br = branches.get(k);
            code.addStatement("$T.slot(out, $L)", JSON, firstSlot + k);
            code.beginControlFlow("if ($L == $L)", taken, br.branch());
            NestedCode.tree(c, code, br.body(), b, dots(br, b));
            code.nextControlFlow("else");
            code.addStatement("out.writeBytes('\"', '\"')");
            code.endControlFlow();
        }
        exit();
    }

    /**
     * The same branch: the changed slots of its body. Another branch: the old one's slot cleared,
     * the new one's complete tree.
     */
    void diff(DiffBinding d) {
        comment();
        enter();
        code.addStatement("int $LPrev = $L", taken, select(d.prev()));
        code.addStatement("int $LNext = $L", taken, select(d.next()));
        boolean dynamic = branches.stream().anyMatch(br -> !br.body().isStatic());
        if (dynamic) {
            code.beginControlFlow("if ($LPrev == $LNext)", taken, taken);
            sameBranch(d);
            code.nextControlFlow("else");
        } else {
            code.beginControlFlow("if ($LPrev != $LNext)", taken, taken);
        }
        otherBranch(d);
        code.endControlFlow();
        exit();
    }

    /** A recursive template's call counts against the depth bound until {@link #exit}. */
    private void enter() {
        if (chain.template() != null) {
            code.addStatement("$T.enter($S)", RECURSION, chain.template());
            code.beginControlFlow("try");
        }
    }

    private void exit() {
        if (chain.template() != null) {
            code.nextControlFlow("finally");
            code.addStatement("$T.exit()", RECURSION);
            code.endControlFlow();
        }
    }

    private void sameBranch(DiffBinding d) {
        boolean first = true;
        for (int k = 0; k < branches.size(); k++) {
            Item.Branch br = branches.get(k);
            if (br.body().isStatic()) {
                continue; // never changes
            }
            code.beginControlFlow((first ? "" : "else ") + "if ($LNext == $L)", taken, br.branch());
            first = false;
            NestedCode.diff(
                    code, firstSlot + k, br.body(), d, dots(br, d.prev()), dots(br, d.next()));
            code.endControlFlow();
        }
    }

    private void otherBranch(DiffBinding d) {
        code.beginControlFlow("switch ($LPrev)", taken);
        for (int k = 0; k < branches.size(); k++) {
            code.addStatement(
                    "case $L -> $T.clear(out, $L)", branches.get(k).branch(), JSON, firstSlot + k);
        }
        code.add("default -> { }\n");
        code.endControlFlow();
        code.beginControlFlow("switch ($LNext)", taken);
        for (int k = 0; k < branches.size(); k++) {
            Item.Branch br = branches.get(k);
            code.beginControlFlow("case $L ->", br.branch());
            NestedCode.replace(c, code, firstSlot + k, br.body(), d.next(), dots(br, d.next()));
            code.endControlFlow();
        }
        code.add("default -> { }\n");
        code.endControlFlow();
    }

    private void comment() {
        if (chain.template() != null) {
            code.add(
                    "// {{template $S $L}} $L\n",
                    chain.template(),
                    chain.conditions().get(0).source(),
                    c.at(chain.pos()));
            return;
        }
        code.add(
                "// {{$L $L}} $L\n",
                chain.name().startsWith("With") ? "with" : "if",
                chain.conditions().get(0).source(),
                c.at(chain.pos()));
    }

    /** The index of the branch taken; the else branch is {@code conditions().size()}. */
    private CodeBlock select(Binding b) {
        CodeBlock result = CodeBlock.of("$L", chain.conditions().size());
        for (int k = chain.conditions().size() - 1; k >= 0; k--) {
            result =
                    CodeBlock.of("$L ? $L : $L", b.of(chain.conditions().get(k).test()), k, result);
        }
        return result;
    }

    /** What a branch body sees besides its parameters: a with's dot. */
    private Map<Var, CodeBlock> dots(Item.Branch br, Binding b) {
        Map<Var, CodeBlock> extra = new HashMap<>();
        int k = br.branch();
        if (k < chain.conditions().size() && chain.conditions().get(k).dot() != null) {
            Item.Condition cond = chain.conditions().get(k);
            extra.put(cond.dot(), b.of(cond.value()));
        }
        return extra;
    }
}
