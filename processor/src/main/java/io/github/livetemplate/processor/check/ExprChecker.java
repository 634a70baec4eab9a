package io.github.livetemplate.processor.check;

import io.github.livetemplate.processor.model.Expr;
import io.github.livetemplate.processor.model.Op;
import io.github.livetemplate.processor.model.Var;
import io.github.livetemplate.processor.parse.Ast;
import io.github.livetemplate.processor.parse.Pos;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Types template pipelines against Java: fields become accessor calls, functions become Java
 * expressions. Every problem is reported with its template position; checking goes on with a
 * placeholder so one build reports every mistake.
 */
final class ExprChecker {

    private final TypeKit kit;
    private final Diagnostics diagnostics;
    private final Map<String, List<ExecutableElement>> userFunctions;
    private final Consumer<Var> onUse;

    private final Map<Var, String> poisoned = new java.util.HashMap<>();

    /** The {@code .lvt} context as a page variable; null when the runtime has no such type. */
    private Var lvt;

    /** The state record's type: {@code .lvt} resolves on a value of it. */
    private TypeMirror rootType;

    private boolean lvtUsed;

    /** Marks an expression whose checking failed; its type accepts every use. */
    private final Expr error;

    ExprChecker(
            TypeKit kit,
            Diagnostics diagnostics,
            Map<String, List<ExecutableElement>> userFunctions,
            Consumer<Var> onUse) {
        this.kit = kit;
        this.diagnostics = diagnostics;
        this.userFunctions = userFunctions;
        this.onUse = onUse;
        this.error = new Expr.Literal(kit.object, null);
    }

    /** Lets {@code .lvt} on a value of {@code rootType} (the state) read {@code lvt}. */
    void lvt(Var lvt, TypeMirror rootType) {
        this.lvt = lvt;
        this.rootType = rootType;
    }

    /** Whether the template read {@code .lvt}. */
    boolean lvtUsed() {
        return lvtUsed;
    }

    boolean isError(Expr e) {
        return e == error;
    }

    private Expr fail(Pos pos, String key, String message) {
        diagnostics.error(pos, key, message);
        return error;
    }

    /** The value of a pipeline (declarations are the caller's business). */
    Expr pipeline(Ast.Pipeline p, Scope scope) {
        Expr piped = null;
        for (Ast.Command cmd : p.cmds()) {
            piped = command(cmd, scope, piped);
            if (piped == error) {
                return error;
            }
        }
        if (piped == null) {
            return fail(p.pos(), "MissingValue", "missing value for command");
        }
        return piped;
    }

    private Expr command(Ast.Command cmd, Scope scope, Expr piped) {
        List<Ast.Arg> args = cmd.args();
        Ast.Arg first = args.get(0);
        List<Ast.Arg> rest = args.subList(1, args.size());
        if (first instanceof Ast.Identifier id) {
            List<Expr> values = arguments(rest, scope, piped);
            return values == null ? error : function(id, values);
        }
        boolean call = !rest.isEmpty() || piped != null;
        if (call
                && (first instanceof Ast.Field
                        || first instanceof Ast.Variable v && !v.fields().isEmpty()
                        || first instanceof Ast.Chain)) {
            // A method call: the last name of the chain is the method, the words after it its
            // arguments.
            Expr receiver;
            List<String> names;
            Pos pos = first.pos();
            if (first instanceof Ast.Field f) {
                receiver = dot(scope, pos);
                names = f.names();
            } else if (first instanceof Ast.Variable v) {
                receiver = variable(v.name(), scope, pos);
                names = v.fields();
            } else {
                Ast.Chain c = (Ast.Chain) first;
                receiver = operand(c.operand(), scope);
                names = c.fields();
            }
            if (receiver == error) {
                return error;
            }
            for (int i = 0; i < names.size() - 1; i++) {
                receiver = field(receiver, names.get(i), List.of(), pos);
                if (receiver == error) {
                    return error;
                }
            }
            List<Expr> values = arguments(rest, scope, piped);
            return values == null
                    ? error
                    : field(receiver, names.get(names.size() - 1), values, pos);
        }
        if (call) {
            return fail(
                    first.pos(),
                    "NotAFunction",
                    "can't give an argument to a non-function " + describe(first));
        }
        return operand(first, scope);
    }

    /** The words after a function or method, then the piped value; null when one failed. */
    private List<Expr> arguments(List<Ast.Arg> words, Scope scope, Expr piped) {
        List<Expr> values = new ArrayList<>();
        for (Ast.Arg a : words) {
            values.add(operand(a, scope));
        }
        if (piped != null) {
            values.add(piped);
        }
        return values.contains(error) ? null : values;
    }

    private static String describe(Ast.Arg a) {
        if (a instanceof Ast.Field f) {
            return "." + String.join(".", f.names());
        }
        if (a instanceof Ast.Variable v) {
            return v.name() + (v.fields().isEmpty() ? "" : "." + String.join(".", v.fields()));
        }
        if (a instanceof Ast.StringLit s) {
            return s.quoted();
        }
        if (a instanceof Ast.Number n) {
            return n.text();
        }
        return a.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    /** One operand of a command. */
    Expr operand(Ast.Arg arg, Scope scope) {
        if (arg instanceof Ast.Dot d) {
            return dot(scope, d.pos());
        }
        if (arg instanceof Ast.Nil) {
            return new Expr.Literal(kit.types.getNullType(), null);
        }
        if (arg instanceof Ast.Bool b) {
            return new Expr.Literal(kit.booleanType, b.value());
        }
        if (arg instanceof Ast.Number n) {
            if (n.isInt()) {
                long v = n.intValue();
                if (v == (int) v) {
                    return new Expr.Literal(kit.intType, (int) v);
                }
                return new Expr.Literal(kit.longType, v);
            }
            return new Expr.Literal(kit.doubleType, n.floatValue());
        }
        if (arg instanceof Ast.StringLit s) {
            return new Expr.Literal(kit.string, s.value());
        }
        if (arg instanceof Ast.Field f) {
            return chain(dot(scope, f.pos()), f.names(), f.pos());
        }
        if (arg instanceof Ast.Variable v) {
            Expr base = variable(v.name(), scope, v.pos());
            return base == error ? error : chain(base, v.fields(), v.pos());
        }
        if (arg instanceof Ast.Chain c) {
            Expr base = operand(c.operand(), scope);
            return base == error ? error : chain(base, c.fields(), c.pos());
        }
        if (arg instanceof Ast.PipeArg p) {
            if (!p.pipe().decl().isEmpty()) {
                return fail(
                        p.pos(),
                        "Unsupported",
                        "declarations inside parentheses are not supported");
            }
            return pipeline(p.pipe(), scope);
        }
        Ast.Identifier id = (Ast.Identifier) arg;
        return function(id, List.of());
    }

    private Expr dot(Scope scope, Pos pos) {
        return reference(scope.dot, pos);
    }

    private Expr variable(String name, Scope scope, Pos pos) {
        Var v = scope.find(name);
        if (v == null) {
            return fail(pos, "UndefinedVariable", "undefined variable \"" + name + "\"");
        }
        return reference(v, pos);
    }

    private Expr reference(Var v, Pos pos) {
        if (poisoned.containsKey(v)) {
            String why = poisoned.get(v);
            return why.isEmpty() ? error : fail(pos, "NilDot", why);
        }
        onUse.accept(v);
        return new Expr.VarRef(v);
    }

    /**
     * Marks a variable whose value could not be typed (its definition already failed), so uses
     * report nothing more; or, with a message, a variable that has no value at all.
     */
    void poison(Var v, String message) {
        poisoned.put(v, message);
    }

    private Expr chain(Expr base, List<String> names, Pos pos) {
        if (base == error) {
            return error;
        }
        Expr e = base;
        for (String name : names) {
            e = field(e, name, List.of(), pos);
            if (e == error) {
                return error;
            }
        }
        return e;
    }

    /** {@code .Name} on {@code target}, called with {@code args}. */
    Expr field(Expr target, String name, List<Expr> args, Pos pos) {
        TypeMirror t = kit.upperBound(target.type());
        if (name.equals("lvt")
                && lvt != null
                && kit.types.isSameType(t, rootType)
                && kit.members(t, name).isEmpty()) {
            // Go livetemplate's template context, under the key "lvt" of the page's data.
            if (!args.isEmpty()) {
                return fail(pos, "NotAFunction", ".lvt takes no arguments");
            }
            lvtUsed = true;
            return reference(lvt, pos);
        }
        if (kit.isMap(t)) {
            if (!args.isEmpty()) {
                return fail(pos, "NotAFunction", "map key ." + name + " takes no arguments");
            }
            return new Expr.MapGet(target, name, kit.mapValueType(t));
        }
        if (t.getKind() != TypeKind.DECLARED) {
            return fail(
                    pos,
                    "UnknownField",
                    "can't evaluate field " + name + " in type " + kit.describe(t));
        }
        List<ExecutableElement> members = kit.members(t, name);
        String owner = kit.describe(kit.types.erasure(t));
        if (members.isEmpty()) {
            String what = kit.isRecord(t) ? "component" : "method";
            String hint = Diagnostics.nearest(name, kit.memberNames(t));
            return fail(
                    pos,
                    "UnknownField",
                    owner
                            + " has no "
                            + what
                            + " '"
                            + name
                            + "'"
                            + (hint == null ? "" : " (did you mean '" + hint + "'?)"));
        }
        Map<String, List<ExecutableElement>> byName = new LinkedHashMap<>();
        for (ExecutableElement m : members) {
            byName.computeIfAbsent(m.getSimpleName().toString(), k -> new ArrayList<>()).add(m);
        }
        if (byName.size() > 1) {
            return fail(
                    pos,
                    "AmbiguousField",
                    "'"
                            + name
                            + "' is ambiguous in "
                            + owner
                            + ": it matches "
                            + String.join(
                                    ", ", byName.keySet().stream().map(n -> n + "()").toList()));
        }
        List<ExecutableElement> overloads = byName.values().iterator().next();
        ExecutableElement chosen = null;
        for (ExecutableElement m : overloads) {
            if (m.getParameters().size() == args.size() && !m.isVarArgs()) {
                chosen = m;
                break;
            }
        }
        for (ExecutableElement m : overloads) {
            if (chosen == null && fitsArity(m, args.size())) {
                chosen = m;
            }
        }
        if (chosen == null) {
            ExecutableElement any = overloads.get(0);
            return fail(
                    pos,
                    "WrongArity",
                    "method "
                            + any.getSimpleName()
                            + " of "
                            + owner
                            + " takes "
                            + takes(any)
                            + ", got "
                            + args.size());
        }
        List<Expr> converted =
                convertArgs(
                        kit.parameterTypes(t, chosen),
                        chosen.isVarArgs(),
                        args,
                        pos,
                        chosen.getSimpleName() + "()");
        if (converted == null) {
            return error;
        }
        boolean pure = lvt != null && kit.types.isSameType(t, lvt.type());
        return new Expr.Call(target, chosen, converted, kit.returnType(t, chosen), pure);
    }

    /**
     * Whether {@code m} can take {@code n} arguments: its parameter count, or for a varargs method
     * at least the fixed ones (as Go's variadic functions, {@code {{f "a" "b"}}}).
     */
    private static boolean fitsArity(ExecutableElement m, int n) {
        int params = m.getParameters().size();
        return m.isVarArgs() ? n >= params - 1 : n == params;
    }

    /** "1 argument", "2 arguments", "at least 1 argument" for a varargs method. */
    private static String takes(ExecutableElement m) {
        int params = m.getParameters().size();
        return m.isVarArgs()
                ? "at least " + plural(params - 1, "argument")
                : plural(params, "argument");
    }

    /**
     * The arguments checked against the parameters. For a varargs method the trailing arguments are
     * each checked against the component type and packed into one array, always (as Go converts
     * each trailing argument to the element type): a list or array passed to {@code Object...} is
     * one element, never the array itself, and a lone {@code nil} is one null element.
     */
    private List<Expr> convertArgs(
            List<TypeMirror> params, boolean varargs, List<Expr> args, Pos pos, String what) {
        int fixed = varargs ? params.size() - 1 : params.size();
        List<Expr> out = convertArgs(params.subList(0, fixed), args.subList(0, fixed), pos, what);
        if (out == null || !varargs) {
            return out;
        }
        javax.lang.model.type.ArrayType array = (javax.lang.model.type.ArrayType) params.get(fixed);
        TypeMirror component = kit.upperBound(array.getComponentType());
        List<Expr> rest = new ArrayList<>();
        for (int i = fixed; i < args.size(); i++) {
            Expr a = args.get(i);
            if (!acceptable(a.type(), component)) {
                diagnostics.error(
                        pos,
                        "WrongArgumentType",
                        "argument "
                                + (i + 1)
                                + " of "
                                + what
                                + " must be "
                                + kit.describe(component)
                                + ", not "
                                + kit.describe(a.type()));
                return null;
            }
            rest.add(a);
        }
        out.add(
                new Expr.Func(
                        "varargs", Op.NEW_ARRAY, rest, array, rest.stream().allMatch(Expr::cheap)));
        return out;
    }

    private List<Expr> convertArgs(List<TypeMirror> params, List<Expr> args, Pos pos, String what) {
        List<Expr> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Expr a = args.get(i);
            TypeMirror p = params.get(i);
            if (!acceptable(a.type(), p)) {
                diagnostics.error(
                        pos,
                        "WrongArgumentType",
                        "argument "
                                + (i + 1)
                                + " of "
                                + what
                                + " must be "
                                + kit.describe(p)
                                + ", not "
                                + kit.describe(a.type()));
                return null;
            }
            out.add(a);
        }
        return out;
    }

    private boolean acceptable(TypeMirror from, TypeMirror to) {
        if (from.getKind() == TypeKind.NULL) {
            return !to.getKind().isPrimitive();
        }
        if (kit.isAssignable(from, to, true)) {
            return true;
        }
        // Unboxing into a primitive parameter.
        TypeKind fk = kit.primitiveKind(from);
        return to.getKind().isPrimitive()
                && fk != null
                && kit.types.isAssignable(kit.types.getPrimitiveType(fk), to);
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    // ---------------------------------------------------------------- functions

    private Expr function(Ast.Identifier id, List<Expr> args) {
        String name = id.name();
        Pos pos = id.pos();
        List<ExecutableElement> user = userFunctions.get(name);
        if (user != null) {
            return userFunction(name, user, args, pos);
        }
        switch (name) {
            case "and", "or" -> {
                return andOr(name, args, pos);
            }
            case "not" -> {
                if (args.size() != 1) {
                    return arity(name, 1, args, pos);
                }
                return func("not", Op.NOT, kit.booleanType, args, true);
            }
            case "len" -> {
                return len(args, pos);
            }
            case "index" -> {
                return index(args, pos);
            }
            case "slice" -> {
                return slice(args, pos);
            }
            case "eq", "ne", "lt", "le", "gt", "ge" -> {
                return compare(name, args, pos);
            }
            case "print", "println" -> {
                Op op = name.equals("print") ? Op.SPRINT : Op.SPRINTLN;
                return new Expr.Func(name, op, args, kit.string, false);
            }
            case "printf" -> {
                if (args.isEmpty() || !kit.isStringLike(args.get(0).type())) {
                    return fail(
                            pos,
                            "WrongArgumentType",
                            "printf needs a format string as first argument");
                }
                return new Expr.Func(name, Op.SPRINTF, args, kit.string, false);
            }
            case "html", "urlquery", "js" -> {
                return new Expr.Func(name, Op.ESCAPE_FUNCTION, args, kit.string, false);
            }
            case "call" -> {
                return fail(
                        pos,
                        "UnknownFunction",
                        "call is not supported: call a method of the record instead");
            }
            default -> {
                String hint = Diagnostics.nearest(name, functionNames());
                return fail(
                        pos,
                        "UnknownFunction",
                        "function \""
                                + name
                                + "\" not defined"
                                + (hint == null ? "" : " (did you mean '" + hint + "'?)"));
            }
        }
    }

    private List<String> functionNames() {
        List<String> names =
                new ArrayList<>(
                        List.of(
                                "and",
                                "or",
                                "not",
                                "len",
                                "index",
                                "slice",
                                "eq",
                                "ne",
                                "lt",
                                "le",
                                "gt",
                                "ge",
                                "print",
                                "printf",
                                "println",
                                "html",
                                "urlquery",
                                "js"));
        names.addAll(userFunctions.keySet());
        return names;
    }

    private Expr arity(String name, int n, List<Expr> args, Pos pos) {
        return fail(
                pos,
                "WrongArity",
                name + " takes " + plural(n, "argument") + ", got " + args.size());
    }

    /**
     * A built-in whose arguments are first converted: when {@code truthArgs}, each argument is
     * replaced by its truth value.
     */
    private Expr func(String name, Op op, TypeMirror type, List<Expr> args, boolean truthArgs) {
        List<Expr> used = truthArgs ? args.stream().map(this::truth).toList() : args;
        boolean cheap = used.stream().allMatch(Expr::cheap);
        return new Expr.Func(name, op, used, type, cheap);
    }

    /** The Go truth value of {@code e} as a boolean expression. */
    Expr truth(Expr e) {
        TypeMirror t = e.type();
        if (t.getKind() == TypeKind.BOOLEAN) {
            return e;
        }
        Op op = t.getKind().isPrimitive() ? Op.NONZERO : Op.TRUTH;
        return new Expr.Func("truth", op, List.of(e), kit.booleanType, e.cheap());
    }

    private Expr andOr(String name, List<Expr> args, Pos pos) {
        if (args.isEmpty()) {
            return fail(pos, "WrongArity", name + " needs at least one argument");
        }
        boolean and = name.equals("and");
        if (args.stream().allMatch(a -> a.type().getKind() == TypeKind.BOOLEAN)) {
            return new Expr.Func(
                    name,
                    and ? Op.ALL : Op.ANY,
                    args,
                    kit.booleanType,
                    args.stream().allMatch(Expr::cheap));
        }
        // Go returns the deciding operand itself, not a boolean.
        TypeMirror common = args.get(0).type();
        for (Expr a : args) {
            if (!kit.types.isSameType(a.type(), common)) {
                common = kit.object;
            }
        }
        TypeMirror type = common;
        List<Expr> truths = args.stream().map(this::truth).toList();
        List<Expr> all = new ArrayList<>(args);
        all.addAll(truths);
        return new Expr.Func(
                name,
                and ? Op.FIRST_FALSY : Op.FIRST_TRUTHY,
                all,
                type,
                args.stream().allMatch(Expr::cheap));
    }

    private Expr len(List<Expr> args, Pos pos) {
        if (args.size() != 1) {
            return arity("len", 1, args, pos);
        }
        Expr a = args.get(0);
        TypeMirror t = a.type();
        if (kit.isCollection(t) || kit.isMap(t)) {
            return func("len", Op.SIZE, kit.intType, args, false);
        }
        if (kit.isArray(t)) {
            return func("len", Op.LENGTH, kit.intType, args, false);
        }
        if (kit.isStringLike(t) || kit.isObject(t) || kit.isIterable(t)) {
            return func("len", Op.LEN, kit.intType, args, false);
        }
        return fail(
                pos,
                "WrongArgumentType",
                "len of " + kit.describe(t) + ": it needs a string, collection, map or array");
    }

    private Expr index(List<Expr> args, Pos pos) {
        if (args.size() < 2) {
            return fail(pos, "WrongArity", "index needs a collection and at least one index");
        }
        Expr e = args.get(0);
        for (int i = 1; i < args.size(); i++) {
            Expr key = args.get(i);
            TypeMirror t = e.type();
            Expr target = e;
            if (kit.isList(t) || kit.isArray(t)) {
                if (!kit.isIntegral(key.type())) {
                    return fail(
                            pos,
                            "WrongArgumentType",
                            "index of "
                                    + kit.describe(t)
                                    + " needs an integer, not "
                                    + kit.describe(key.type()));
                }
                boolean array = kit.isArray(t);
                e =
                        new Expr.Func(
                                "index",
                                array ? Op.ARRAY_INDEX : Op.LIST_INDEX,
                                List.of(target, key),
                                kit.elementType(t),
                                target.cheap() && key.cheap());
            } else if (kit.isMap(t)) {
                TypeMirror keyType = kit.mapKeyType(t);
                if (!acceptable(key.type(), keyType) && !kit.isObject(keyType)) {
                    return fail(
                            pos,
                            "WrongArgumentType",
                            "index of "
                                    + kit.describe(t)
                                    + " needs a "
                                    + kit.describe(keyType)
                                    + " key, not "
                                    + kit.describe(key.type()));
                }
                e =
                        new Expr.Func(
                                "index",
                                Op.MAP_INDEX,
                                List.of(target, key),
                                kit.mapValueType(t),
                                target.cheap() && key.cheap());
            } else if (kit.isObject(t) || kit.isStringLike(t)) {
                e = new Expr.Func("index", Op.INDEX, List.of(target, key), kit.object, false);
            } else {
                return fail(
                        pos, "WrongArgumentType", "can't index item of type " + kit.describe(t));
            }
        }
        return e;
    }

    private Expr slice(List<Expr> args, Pos pos) {
        if (args.isEmpty() || args.size() > 4) {
            return fail(pos, "WrongArity", "slice takes an item and up to 3 indexes");
        }
        TypeMirror t = args.get(0).type();
        if (!(kit.isList(t) || kit.isArray(t) || kit.isStringLike(t) || kit.isObject(t))) {
            return fail(pos, "WrongArgumentType", "can't slice item of type " + kit.describe(t));
        }
        for (Expr a : args.subList(1, args.size())) {
            if (!kit.isIntegral(a.type())) {
                return fail(
                        pos,
                        "WrongArgumentType",
                        "slice index must be an integer, not " + kit.describe(a.type()));
            }
        }
        TypeMirror type = kit.isStringLike(t) ? kit.string : t;
        return new Expr.Func("slice", Op.SLICE, args, type, false);
    }

    private Expr compare(String op, List<Expr> args, Pos pos) {
        if (op.equals("eq") ? args.size() < 2 : args.size() != 2) {
            return op.equals("eq")
                    ? fail(pos, "WrongArity", "eq needs at least two arguments")
                    : arity(op, 2, args, pos);
        }
        Expr a = args.get(0);
        if (op.equals("eq") && args.size() > 2) {
            List<Expr> parts = new ArrayList<>();
            for (Expr b : args.subList(1, args.size())) {
                Expr part = compare2("eq", a, b, pos);
                if (part == error) {
                    return error;
                }
                parts.add(part);
            }
            return new Expr.Func(
                    "eq", Op.ANY, parts, kit.booleanType, parts.stream().allMatch(Expr::cheap));
        }
        return compare2(op, a, args.get(1), pos);
    }

    private Expr compare2(String op, Expr a, Expr b, Pos pos) {
        TypeMirror ta = a.type();
        TypeMirror tb = b.type();
        boolean ordered = !op.equals("eq") && !op.equals("ne");
        List<Expr> ab = List.of(a, b);
        boolean cheap = a.cheap() && b.cheap();
        if (ta.getKind() == TypeKind.NULL || tb.getKind() == TypeKind.NULL) {
            if (ordered) {
                return fail(pos, "IncompatibleComparison", op + " can't order nil");
            }
            return new Expr.Func(op, Op.OPERATOR, ab, kit.booleanType, cheap);
        }
        if (kit.isNumber(ta) && kit.isNumber(tb)) {
            if (kit.primitiveKind(ta) != null && kit.primitiveKind(tb) != null) {
                return new Expr.Func(op, Op.OPERATOR, ab, kit.booleanType, cheap);
            }
            return new Expr.Func(op, Op.COMPARE, ab, kit.booleanType, cheap);
        }
        if (kit.isBoolean(ta) && kit.isBoolean(tb)) {
            if (ordered) {
                return fail(pos, "IncompatibleComparison", op + " can't order booleans");
            }
            return new Expr.Func(op, Op.OPERATOR, ab, kit.booleanType, cheap);
        }
        if (kit.isStringLike(ta) && kit.isStringLike(tb)) {
            if (!ordered) {
                return new Expr.Func(op, Op.GO_EQUALS, ab, kit.booleanType, cheap);
            }
            return new Expr.Func(op, Op.COMPARE, ab, kit.booleanType, cheap);
        }
        if (kit.isEnum(ta) || kit.isEnum(tb)) {
            return compareEnum(op, a, b, pos);
        }
        if (kit.isObject(ta) || kit.isObject(tb)) {
            if (ordered) {
                return new Expr.Func(op, Op.COMPARE, ab, kit.booleanType, cheap);
            }
            return new Expr.Func(op, Op.GO_EQUALS, ab, kit.booleanType, cheap);
        }
        boolean related =
                kit.types.isAssignable(kit.types.erasure(ta), kit.types.erasure(tb))
                        || kit.types.isAssignable(kit.types.erasure(tb), kit.types.erasure(ta));
        if (!related || ordered) {
            return fail(
                    pos,
                    "IncompatibleComparison",
                    "incompatible types for comparison: "
                            + kit.describe(ta)
                            + " and "
                            + kit.describe(tb));
        }
        return new Expr.Func(op, Op.EQUALS, ab, kit.booleanType, cheap);
    }

    /** Enums compare with enums of their type, or by constant name with a string literal. */
    private Expr compareEnum(String op, Expr a, Expr b, Pos pos) {
        if (!op.equals("eq") && !op.equals("ne")) {
            return fail(pos, "IncompatibleComparison", op + " can't order enum values");
        }
        Expr en = kit.isEnum(a.type()) ? a : b;
        Expr other = en == a ? b : a;
        if (kit.isEnum(other.type())) {
            if (!kit.types.isSameType(a.type(), b.type())) {
                return fail(
                        pos,
                        "IncompatibleComparison",
                        "incompatible types for comparison: "
                                + kit.describe(a.type())
                                + " and "
                                + kit.describe(b.type()));
            }
            return new Expr.Func(
                    op, Op.SAME, List.of(a, b), kit.booleanType, a.cheap() && b.cheap());
        }
        if (other instanceof Expr.Literal lit && lit.value() instanceof String name) {
            TypeElement te = (TypeElement) kit.types.asElement(en.type());
            List<String> constants = new ArrayList<>();
            for (Element e : te.getEnclosedElements()) {
                if (e.getKind() == ElementKind.ENUM_CONSTANT) {
                    constants.add(e.getSimpleName().toString());
                }
            }
            if (!constants.contains(name)) {
                String hint = Diagnostics.nearest(name, constants);
                return fail(
                        pos,
                        "UnknownEnumConstant",
                        kit.describe(en.type())
                                + " has no constant "
                                + name
                                + (hint == null ? "" : " (did you mean " + hint + "?)"));
            }
            return new Expr.Func(
                    op,
                    Op.SAME,
                    List.of(en, new Expr.EnumConstant(en.type(), name)),
                    kit.booleanType,
                    en.cheap());
        }
        return fail(
                pos,
                "IncompatibleComparison",
                "incompatible types for comparison: "
                        + kit.describe(a.type())
                        + " and "
                        + kit.describe(b.type()));
    }

    private Expr userFunction(
            String name, List<ExecutableElement> overloads, List<Expr> args, Pos pos) {
        // Exact-arity overloads first, as javac prefers them; then varargs ones.
        for (boolean varargs : new boolean[] {false, true}) {
            for (ExecutableElement m : overloads) {
                if (m.isVarArgs() != varargs || !fitsArity(m, args.size())) {
                    continue;
                }
                List<TypeMirror> params = kit.parameterTypes(null, m);
                int fixed = varargs ? params.size() - 1 : params.size();
                boolean ok = true;
                for (int i = 0; i < args.size() && ok; i++) {
                    TypeMirror p =
                            i < fixed
                                    ? params.get(i)
                                    : kit.upperBound(
                                            ((javax.lang.model.type.ArrayType) params.get(fixed))
                                                    .getComponentType());
                    ok = acceptable(args.get(i).type(), p);
                }
                if (ok) {
                    List<Expr> converted = convertArgs(params, varargs, args, pos, name);
                    return new Expr.StaticCall(m, converted, kit.upperBound(m.getReturnType()));
                }
            }
        }
        ExecutableElement first = overloads.get(0);
        if (overloads.size() == 1 && fitsArity(first, args.size())) {
            List<Expr> converted =
                    convertArgs(
                            kit.parameterTypes(null, first), first.isVarArgs(), args, pos, name);
            if (converted == null) {
                return error;
            }
        }
        return fail(
                pos,
                "WrongArity",
                "function " + name + " takes " + takes(first) + ", got " + args.size());
    }
}
