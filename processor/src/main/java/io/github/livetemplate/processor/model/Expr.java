package io.github.livetemplate.processor.model;

import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeMirror;

/**
 * A type-checked template expression. Each expression knows its Java type; the generator turns it
 * into Java source for a given binding of {@link Var}s to locals.
 */
public sealed interface Expr {

    /** The Java type of the value. */
    TypeMirror type();

    /** Whether evaluating it twice is cheap enough to compare results instead of inputs. */
    default boolean cheap() {
        return true;
    }

    /** A variable or dot. */
    record VarRef(Var var) implements Expr {
        @Override
        public TypeMirror type() {
            return var.type();
        }
    }

    /** A constant: null, a Boolean, Integer, Long, Double or String. */
    record Literal(TypeMirror type, Object value) implements Expr {}

    /** The constant {@code name} of the enum {@code type}. */
    record EnumConstant(TypeMirror type, String name) implements Expr {}

    /**
     * {@code target.method(args)}: a record component, accessor or method.
     *
     * @param pure whether the method is a cheap pure function of its receiver and arguments (the
     *     {@code .lvt} context's), so a diff compares its results instead of its whole receiver
     */
    record Call(
            Expr target, ExecutableElement method, List<Expr> args, TypeMirror type, boolean pure)
            implements Expr {
        @Override
        public boolean cheap() {
            return (args.isEmpty() || pure && args.stream().allMatch(Expr::cheap))
                    && target.cheap();
        }
    }

    /** {@code map.get("key")} for {@code .key} on a map. */
    record MapGet(Expr map, String key, TypeMirror type) implements Expr {
        @Override
        public boolean cheap() {
            return map.cheap();
        }
    }

    /**
     * A built-in function or operator.
     *
     * @param name the template function name (the Go operator for comparisons)
     * @param op what it computes
     * @param cheap whether the result is cheap to compute and compare
     */
    record Func(String name, Op op, List<Expr> args, TypeMirror type, boolean cheap)
            implements Expr {}

    /**
     * The rows of a range whose body starts with {@code {{if c}}{{continue}}{{end}}} (the rows for
     * which a {@code skip} holds are left out) or {@code {{if c}}{{break}}{{end}}} ({@code stop}:
     * the rows before the first for which a {@code skip} holds): a {@code List} of the elements.
     *
     * @param source the collection ranged over
     * @param row the row's dot, which the conditions read
     * @param skips the conditions, as booleans
     */
    record Filter(Expr source, Var row, List<Expr> skips, boolean stop, TypeMirror type)
            implements Expr {
        @Override
        public boolean cheap() {
            return false;
        }
    }

    /** A Java static method call for a user function. */
    record StaticCall(ExecutableElement method, List<Expr> args, TypeMirror type) implements Expr {
        @Override
        public boolean cheap() {
            return false;
        }
    }
}
