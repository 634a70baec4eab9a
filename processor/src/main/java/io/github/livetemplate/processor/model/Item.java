package io.github.livetemplate.processor.model;

import io.github.livetemplate.processor.parse.Pos;
import java.util.List;

/** One element of a node's content, in template order. */
public sealed interface Item {

    /**
     * Whether the item belongs to the live part (inside the wrapper). Items of the page head and
     * tail of a full document are rendered by {@code html()} only.
     */
    boolean live();

    /** Template text (comments already removed), starting at {@code pos}. */
    record Static(String text, Pos pos, boolean live) implements Item {}

    /** {@code {{$x := pipe}}} or a dot bound by {@code {{template}}}: a local in every view. */
    record Let(Var var, Expr value, boolean assign, Pos pos, boolean live) implements Item {}

    /** A dynamic position in the statics. */
    sealed interface Slot extends Item {
        Pos pos();
    }

    /**
     * A printed value.
     *
     * @param escaper how the value is escaped in its HTML context
     */
    record Print(Expr value, Escaper escaper, Pos pos, String source, boolean live)
            implements Slot {}

    /**
     * One branch of an {@code if}/{@code with} chain. Each branch that produces output has its own
     * slot, so switching branches never merges one branch's slots into another's.
     *
     * @param group the whole chain
     * @param branch index of this branch in the chain ({@code group.branches().size()} for else)
     */
    record Branch(Conditional group, int branch, Node body, Pos pos, boolean live)
            implements Slot {}

    /** The rows of a {@code range}. */
    record Rows(RangeInfo range, Pos pos, boolean live) implements Slot {}

    /** The {@code {{else}}} of a range, shown while the collection is empty. */
    record RangeElse(RangeInfo range, Node body, Pos pos, boolean live) implements Slot {}

    /**
     * An {@code if}/{@code with} chain: conditions in order, then the optional else. A call of a
     * recursive template is a chain of one always-true condition whose dot is the argument, named
     * by {@code template} (null for {@code if}/{@code with}); its body is the template's node,
     * shared by every call, so the generated method calls itself.
     */
    record Conditional(String name, Pos pos, List<Condition> conditions, String template) {
        public Conditional(String name, Pos pos, List<Condition> conditions) {
            this(name, pos, conditions, null);
        }
    }

    /**
     * One test of a chain: {@code if cond} or {@code with value}. For {@code with}, the body sees
     * {@code value} (the tested value, unwrapped from an Optional) as {@code dot}; both are null
     * for {@code if}.
     *
     * @param test the condition as a boolean expression
     */
    record Condition(Expr test, Var dot, Expr value, String source) {}
}
