package io.github.livetemplate.processor.generate;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import io.github.livetemplate.processor.model.Expr;
import io.github.livetemplate.processor.model.Exprs;
import io.github.livetemplate.processor.model.Op;
import io.github.livetemplate.processor.model.Var;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Java source for checked expressions, under a binding of variables to Java expressions. */
final class ExprCode {
    private static final ClassName OBJECTS = ClassName.get(Objects.class);

    private ExprCode() {}

    static CodeBlock of(Expr e, Map<Var, CodeBlock> names) {
        if (e instanceof Expr.VarRef v) {
            CodeBlock name = names.get(v.var());
            if (name == null) {
                throw new IllegalStateException(
                        "unbound " + v.var() + " (" + v.var().description() + ")");
            }
            return name;
        }
        if (e instanceof Expr.Literal l) {
            return literal(l.value());
        }
        if (e instanceof Expr.EnumConstant c) {
            return CodeBlock.of("$T.$L", erasure(c.type()), c.name());
        }
        if (e instanceof Expr.Call c) {
            return CodeBlock.of(
                    "$L.$L($L)",
                    of(c.target(), names),
                    c.method().getSimpleName(),
                    args(c.args(), names));
        }
        if (e instanceof Expr.MapGet m) {
            return CodeBlock.of("$L.get($S)", of(m.map(), names), m.key());
        }
        if (e instanceof Expr.StaticCall s) {
            return CodeBlock.of(
                    "$T.$L($L)",
                    ClassName.get((TypeElement) s.method().getEnclosingElement()),
                    s.method().getSimpleName(),
                    args(s.args(), names));
        }
        if (e instanceof Expr.Filter f) {
            return filter(f, names);
        }
        Expr.Func f = (Expr.Func) e;
        List<CodeBlock> args = new ArrayList<>();
        for (Expr a : f.args()) {
            args.add(of(a, names));
        }
        CodeBlock code = func(f, args);
        String text = code.toString();
        // Operators need parentheses when they become operands of something else.
        return text.contains(" ") && !text.startsWith("(") || text.startsWith("!")
                ? CodeBlock.of("($L)", code)
                : code;
    }

    /**
     * {@code Rows.of(source).stream().filter(row -> !(skip)).toList()} for {@code continue}, with
     * {@code takeWhile} for {@code break}: the row is the lambda's parameter.
     */
    private static CodeBlock filter(Expr.Filter f, Map<Var, CodeBlock> names) {
        String param = f.row().javaName() + "Row";
        Map<Var, CodeBlock> inner = new java.util.HashMap<>(names);
        inner.put(f.row(), CodeBlock.of("$L", param));
        List<CodeBlock> keep = new ArrayList<>();
        for (Expr skip : f.skips()) {
            keep.add(CodeBlock.of("!$L", parenthesised(of(skip, inner))));
        }
        return CodeBlock.of(
                "$T.of($L).stream().$L($L -> $L).toList()",
                RuntimeTypes.ROWS,
                of(f.source(), names),
                f.stop() ? "takeWhile" : "filter",
                param,
                CodeBlock.join(keep, " && "));
    }

    private static CodeBlock parenthesised(CodeBlock c) {
        String text = c.toString();
        return text.startsWith("(") || !text.contains(" ") && !text.startsWith("!")
                ? c
                : CodeBlock.of("($L)", c);
    }

    private static CodeBlock literal(Object value) {
        if (value instanceof String s) {
            return CodeBlock.of("$S", s);
        }
        if (value instanceof Long l) {
            return CodeBlock.of("$LL", l);
        }
        return CodeBlock.of("$L", String.valueOf(value)); // null, booleans, ints, doubles
    }

    /** The Java code of a built-in applied to the code {@code c} of its arguments. */
    private static CodeBlock func(Expr.Func f, List<CodeBlock> c) {
        String neg = f.name().equals("ne") ? "!" : "";
        return switch (f.op()) {
            case NOT -> CodeBlock.of("!$L", c.get(0));
            case NONZERO -> CodeBlock.of("$L != 0", c.get(0));
            case TRUTH -> CodeBlock.of("$T.truth($L)", RuntimeTypes.VALUES, c.get(0));
            case ALL -> CodeBlock.of("($L)", CodeBlock.join(c, " && "));
            case ANY -> CodeBlock.of("($L)", CodeBlock.join(c, " || "));
            case FIRST_FALSY, FIRST_TRUTHY -> firstDeciding(f.op() == Op.FIRST_FALSY, c);
            case SPRINT ->
                    CodeBlock.of("$T.sprint($L)", RuntimeTypes.GO_FMT, CodeBlock.join(c, ", "));
            case SPRINTLN ->
                    CodeBlock.of("$T.sprintln($L)", RuntimeTypes.GO_FMT, CodeBlock.join(c, ", "));
            case SPRINTF ->
                    CodeBlock.of("$T.sprintf($L)", RuntimeTypes.GO_FMT, CodeBlock.join(c, ", "));
            case ESCAPE_FUNCTION ->
                    CodeBlock.of(
                            "$T.$L($L)", RuntimeTypes.VALUES, f.name(), CodeBlock.join(c, ", "));
            case SIZE -> CodeBlock.of("$L.size()", c.get(0));
            case LENGTH -> CodeBlock.of("$L.length", c.get(0));
            case LEN -> CodeBlock.of("$T.len($L)", RuntimeTypes.VALUES, c.get(0));
            case ARRAY_INDEX -> CodeBlock.of("$L[(int) $L]", c.get(0), c.get(1));
            case LIST_INDEX -> CodeBlock.of("$L.get((int) $L)", c.get(0), c.get(1));
            case MAP_INDEX -> CodeBlock.of("$L.get($L)", c.get(0), c.get(1));
            case INDEX -> CodeBlock.of("$T.index($L, $L)", RuntimeTypes.VALUES, c.get(0), c.get(1));
            case SLICE ->
                    CodeBlock.of(
                            "(($T) $T.slice($L))",
                            erasure(f.type()),
                            RuntimeTypes.VALUES,
                            CodeBlock.join(c, ", "));
            case OPERATOR -> CodeBlock.of("$L $L $L", c.get(0), javaOperator(f.name()), c.get(1));
            case COMPARE ->
                    CodeBlock.of(
                            "$T.compare($L, $L) $L 0",
                            RuntimeTypes.VALUES,
                            c.get(0),
                            c.get(1),
                            javaOperator(f.name()));
            case GO_EQUALS ->
                    CodeBlock.of("$L$T.eq($L, $L)", neg, RuntimeTypes.VALUES, c.get(0), c.get(1));
            case EQUALS -> CodeBlock.of("$L$T.equals($L, $L)", neg, OBJECTS, c.get(0), c.get(1));
            case SAME -> CodeBlock.of("$L($L == $L)", neg, c.get(0), c.get(1));
            case OPTIONAL_GET -> CodeBlock.of("$L.get()", c.get(0));
            case INT_RANGE ->
                    CodeBlock.of(
                            "$T.range(0, Math.toIntExact(Math.max(0L, $L))).boxed().toList()",
                            ClassName.get("java.util.stream", "IntStream"),
                            c.get(0));
            case NEW_ARRAY ->
                    CodeBlock.of("new $T {$L}", erasure(f.type()), CodeBlock.join(c, ", "));
        };
    }

    /**
     * Go's {@code and}/{@code or} of non-booleans: {@code c} holds the n operands, then their truth
     * values; the result is the first falsy (truthy) operand, else the last.
     */
    private static CodeBlock firstDeciding(boolean falsy, List<CodeBlock> c) {
        int n = c.size() / 2;
        CodeBlock result = c.get(n - 1);
        for (int i = n - 2; i >= 0; i--) {
            CodeBlock test = c.get(n + i);
            result =
                    falsy
                            ? CodeBlock.of("(!$L ? $L : $L)", test, c.get(i), result)
                            : CodeBlock.of("($L ? $L : $L)", test, c.get(i), result);
        }
        return result;
    }

    private static String javaOperator(String goOperator) {
        return switch (goOperator) {
            case "eq" -> "==";
            case "ne" -> "!=";
            case "lt" -> "<";
            case "le" -> "<=";
            case "gt" -> ">";
            default -> ">=";
        };
    }

    /** The erasure of {@code t}, as a cast needs it. */
    private static TypeName erasure(TypeMirror t) {
        if (t.getKind() == TypeKind.DECLARED) {
            return ClassName.get((TypeElement) ((DeclaredType) t).asElement());
        }
        if (t.getKind() == TypeKind.ARRAY) {
            return ArrayTypeName.of(erasure(((ArrayType) t).getComponentType()));
        }
        if (t.getKind() == TypeKind.TYPEVAR || t.getKind() == TypeKind.WILDCARD) {
            return ClassName.get(Object.class); // a varargs T... of a generic method
        }
        return TypeName.get(t);
    }

    private static CodeBlock args(List<Expr> args, Map<Var, CodeBlock> names) {
        List<CodeBlock> codes = new ArrayList<>();
        for (Expr a : args) {
            codes.add(of(a, names));
        }
        return CodeBlock.join(codes, ", ");
    }

    /**
     * What a slot's value depends on, to compare between two states instead of rendering both: the
     * expression itself when it is cheap, else the inputs of the expensive function.
     */
    static List<Expr> inputs(Expr e) {
        Map<String, Expr> out = new LinkedHashMap<>();
        collect(e, out);
        return new ArrayList<>(out.values());
    }

    private static void collect(Expr e, Map<String, Expr> out) {
        if (e instanceof Expr.Literal || e instanceof Expr.EnumConstant) {
            return;
        }
        if (e instanceof Expr.Filter) {
            out.putIfAbsent(key(e), e); // the filtered rows, compared as lists
            return;
        }
        if (e instanceof Expr.Func f && f.op() == Op.NEW_ARRAY) {
            // Arrays compare by identity: compare their elements instead.
            f.args().forEach(a -> collect(a, out));
            return;
        }
        if (e.cheap() || Exprs.vars(e).isEmpty()) {
            // Cheap values are compared directly; so are calls that read no state at all (a user
            // function of constants), which would otherwise never be re-evaluated.
            out.putIfAbsent(key(e), e);
            return;
        }
        if (e instanceof Expr.Call c) {
            collect(c.target(), out);
            c.args().forEach(a -> collect(a, out));
        } else if (e instanceof Expr.StaticCall s) {
            s.args().forEach(a -> collect(a, out));
        } else if (e instanceof Expr.Func f) {
            f.args().forEach(a -> collect(a, out));
        } else if (e instanceof Expr.MapGet m) {
            collect(m.map(), out);
        }
    }

    /** A structural identity for de-duplicating inputs. */
    private static String key(Expr e) {
        Map<Var, CodeBlock> names =
                new java.util.IdentityHashMap<>() {
                    @Override
                    public CodeBlock get(Object k) {
                        return CodeBlock.of("$L", ((Var) k).javaName());
                    }
                };
        return of(e, names).toString();
    }

    /** Java code testing whether {@code a} and {@code b} (of the expression's type) differ. */
    static CodeBlock differs(Expr e, CodeBlock a, CodeBlock b) {
        if (e.type().getKind().isPrimitive()) {
            return CodeBlock.of("$L != $L", a, b);
        }
        return CodeBlock.of("!$T.equals($L, $L)", OBJECTS, a, b);
    }

    /** Java code testing whether {@code a} and {@code b} are the same value. */
    static CodeBlock same(Expr e, CodeBlock a, CodeBlock b) {
        if (e.type().getKind().isPrimitive()) {
            return CodeBlock.of("$L == $L", a, b);
        }
        return CodeBlock.of("$T.equals($L, $L)", OBJECTS, a, b);
    }

    static boolean isPrimitive(Expr e) {
        return e.type().getKind().isPrimitive();
    }

    static boolean isIntegral(Expr e) {
        TypeKind k = e.type().getKind();
        return k == TypeKind.INT || k == TypeKind.LONG || k == TypeKind.SHORT || k == TypeKind.BYTE;
    }
}
