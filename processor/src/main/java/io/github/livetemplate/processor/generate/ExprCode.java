package io.github.livetemplate.processor.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.github.livetemplate.processor.model.Expr;
import io.github.livetemplate.processor.model.Exprs;
import io.github.livetemplate.processor.model.Var;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;

/** Java source for checked expressions, under a binding of variables to Java expressions. */
final class ExprCode {
  private static final ClassName OBJECTS = ClassName.get(Objects.class);

  private ExprCode() {}

  static CodeBlock of(Expr e, Map<Var, CodeBlock> names) {
    if (e instanceof Expr.VarRef v) {
      CodeBlock name = names.get(v.var());
      if (name == null) {
        throw new IllegalStateException("unbound " + v.var() + " (" + v.var().description() + ")");
      }
      return name;
    }
    if (e instanceof Expr.Literal l) {
      return CodeBlock.of("$L", l.javaLiteral());
    }
    if (e instanceof Expr.Call c) {
      return CodeBlock.of("$L.$L($L)", of(c.target(), names), c.method().getSimpleName(),
          args(c.args(), names));
    }
    if (e instanceof Expr.MapGet m) {
      return CodeBlock.of("$L.get($S)", of(m.map(), names), m.key());
    }
    if (e instanceof Expr.StaticCall s) {
      return CodeBlock.of("$T.$L($L)", ClassName.get((TypeElement) s.method().getEnclosingElement()),
          s.method().getSimpleName(), args(s.args(), names));
    }
    Expr.Func f = (Expr.Func) e;
    List<CodeBlock> args = new ArrayList<>();
    for (Expr a : f.args()) {
      args.add(of(a, names));
    }
    CodeBlock code = f.render().apply(args);
    String text = code.toString();
    // Operators need parentheses when they become operands of something else.
    return text.contains(" ") && !text.startsWith("(") || text.startsWith("!")
        ? CodeBlock.of("($L)", code) : code;
  }

  private static CodeBlock args(List<Expr> args, Map<Var, CodeBlock> names) {
    List<CodeBlock> codes = new ArrayList<>();
    for (Expr a : args) {
      codes.add(of(a, names));
    }
    return CodeBlock.join(codes, ", ");
  }

  /**
   * What a slot's value depends on, to compare between two states instead of rendering both:
   * the expression itself when it is cheap, else the inputs of the expensive function.
   */
  static List<Expr> inputs(Expr e) {
    Map<String, Expr> out = new LinkedHashMap<>();
    collect(e, out);
    return new ArrayList<>(out.values());
  }

  private static void collect(Expr e, Map<String, Expr> out) {
    if (e instanceof Expr.Literal) {
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
    Map<Var, CodeBlock> names = new java.util.IdentityHashMap<>() {
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
