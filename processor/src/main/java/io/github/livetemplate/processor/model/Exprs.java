package io.github.livetemplate.processor.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Structural operations on expressions. */
public final class Exprs {
    private Exprs() {}

    /** The variables {@code e} reads. */
    public static Set<Var> vars(Expr e) {
        Set<Var> out = new LinkedHashSet<>();
        collect(e, out);
        return out;
    }

    private static void collect(Expr e, Set<Var> out) {
        if (e instanceof Expr.VarRef v) {
            out.add(v.var());
        } else if (e instanceof Expr.Call c) {
            collect(c.target(), out);
            c.args().forEach(a -> collect(a, out));
        } else if (e instanceof Expr.MapGet m) {
            collect(m.map(), out);
        } else if (e instanceof Expr.Func f) {
            f.args().forEach(a -> collect(a, out));
        } else if (e instanceof Expr.StaticCall s) {
            s.args().forEach(a -> collect(a, out));
        } else if (e instanceof Expr.Filter f) {
            collect(f.source(), out);
            Set<Var> inner = new LinkedHashSet<>();
            f.skips().forEach(a -> collect(a, inner));
            inner.remove(f.row());
            out.addAll(inner);
        }
    }

    /** {@code e} with each variable in {@code values} replaced by its value, recursively. */
    public static Expr substitute(Expr e, Map<Var, Expr> values) {
        return substitute(e, values, 0);
    }

    private static Expr substitute(Expr e, Map<Var, Expr> values, int depth) {
        if (depth > 64) {
            return null;
        }
        if (e instanceof Expr.VarRef v) {
            Expr value = values.get(v.var());
            return value == null ? e : substitute(value, values, depth + 1);
        }
        if (e instanceof Expr.Call c) {
            Expr target = substitute(c.target(), values, depth);
            List<Expr> args = substituteAll(c.args(), values, depth);
            return target == null || args == null
                    ? null
                    : new Expr.Call(target, c.method(), args, c.type(), c.pure());
        }
        if (e instanceof Expr.MapGet m) {
            Expr map = substitute(m.map(), values, depth);
            return map == null ? null : new Expr.MapGet(map, m.key(), m.type());
        }
        if (e instanceof Expr.Func f) {
            List<Expr> args = substituteAll(f.args(), values, depth);
            return args == null ? null : new Expr.Func(f.name(), f.op(), args, f.type(), f.cheap());
        }
        if (e instanceof Expr.StaticCall s) {
            List<Expr> args = substituteAll(s.args(), values, depth);
            return args == null ? null : new Expr.StaticCall(s.method(), args, s.type());
        }
        if (e instanceof Expr.Filter f) {
            Expr source = substitute(f.source(), values, depth);
            List<Expr> skips = substituteAll(f.skips(), values, depth);
            return source == null || skips == null
                    ? null
                    : new Expr.Filter(source, f.row(), skips, f.stop(), f.type());
        }
        return e;
    }

    private static List<Expr> substituteAll(List<Expr> exprs, Map<Var, Expr> values, int depth) {
        List<Expr> out = new ArrayList<>();
        for (Expr a : exprs) {
            Expr s = substitute(a, values, depth);
            if (s == null) {
                return null;
            }
            out.add(s);
        }
        return out;
    }
}
