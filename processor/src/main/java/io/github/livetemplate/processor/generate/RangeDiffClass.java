package io.github.livetemplate.processor.generate;

import static io.github.livetemplate.processor.generate.RuntimeTypes.RANGE_DIFF;
import static io.github.livetemplate.processor.generate.RuntimeTypes.UTF8_BUFFER;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.github.livetemplate.processor.model.Expr;
import io.github.livetemplate.processor.model.RangeInfo;
import io.github.livetemplate.processor.model.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/**
 * The nested {@code RangeDiff} subclass of a live range: how rows are keyed and compared, and the
 * row methods the runtime's range operations call. It holds the outer variables of both states, so
 * rows reading nothing outside share one instance.
 */
final class RangeDiffClass {
    private final RangeInfo r;
    private final List<Var> outer;
    private final TypeName rowType;
    private final TypeSpec.Builder type;

    private RangeDiffClass(RendererClass c, RangeInfo r) {
        this.r = r;
        this.outer = RowMethods.outer(r);
        this.rowType = TypeName.get(r.elementType());
        this.type =
                TypeSpec.classBuilder(r.name())
                        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .superclass(ParameterizedTypeName.get(RANGE_DIFF, rowType))
                        .addJavadoc(
                                "Range operations for {{range $L}} ($L), rows keyed by $L.\n",
                                r.source(),
                                c.at(r.pos()),
                                r.key() == null
                                        ? "position"
                                        : r.key().attribute() == null
                                                ? "map key"
                                                : r.key().attribute());
    }

    static void write(RendererClass c, RangeInfo r) {
        RangeDiffClass d = new RangeDiffClass(c, r);
        d.constructor();
        d.sameKey();
        d.rowMethods();
        c.type().addType(d.type.build());
        if (d.outer.isEmpty()) {
            // Rows that read nothing outside themselves need no per-diff state: one shared differ.
            c.type()
                    .addField(
                            FieldSpec.builder(
                                            ClassName.bestGuess(r.name()),
                                            singleton(r),
                                            Modifier.PRIVATE,
                                            Modifier.STATIC,
                                            Modifier.FINAL)
                                    .initializer("new $L()", r.name())
                                    .build());
        }
    }

    /** The shared instance of a range whose rows read nothing outside. */
    static String singleton(RangeInfo r) {
        return Constants.upperSnake(r.name()) + "_DIFF";
    }

    private void constructor() {
        MethodSpec.Builder ctor =
                MethodSpec.constructorBuilder()
                        .addStatement(
                                "super($L, $L)",
                                outer.isEmpty(),
                                r.index() != null || r.key() == null);
        for (Var v : outer) {
            for (String suffix : List.of("Prev", "Next")) {
                String name = v.javaName() + suffix;
                type.addField(TypeName.get(v.type()), name, Modifier.PRIVATE, Modifier.FINAL);
                ctor.addParameter(TypeName.get(v.type()), name)
                        .addStatement("this.$L = $L", name, name);
            }
        }
        type.addMethod(ctor.build());
    }

    private void sameKey() {
        MethodSpec.Builder same = twoRows("sameKey").returns(boolean.class);
        if (r.key() == null) {
            same.addStatement("return ia == ib");
        } else if (r.key().parts().isEmpty()) {
            same.addStatement("return $T.equals(a.getKey(), b.getKey())", Objects.class);
        } else {
            List<CodeBlock> tests = new ArrayList<>();
            Binding a = Binding.row(r, "a", "ia", List.of(), "");
            Binding b = Binding.row(r, "b", "ib", List.of(), "");
            for (Object part : r.key().parts()) {
                if (part instanceof Expr e) {
                    tests.add(ExprCode.same(e, a.of(e), b.of(e)));
                }
            }
            same.addStatement("return a == b || $L", CodeBlock.join(tests, " && "));
        }
        type.addMethod(same.build());
    }

    private void rowMethods() {
        type.addMethod(
                override("key")
                        .returns(String.class)
                        .addParameter(rowType, "row")
                        .addParameter(int.class, "index")
                        .addStatement("return key$L(row, index)", r.name())
                        .build());
        CodeBlock nextArgs = outerArgs(false);
        type.addMethod(
                override("writeRow")
                        .addParameter(rowType, "row")
                        .addParameter(int.class, "index")
                        .addParameter(UTF8_BUFFER, "out")
                        .addStatement("tree$LRow(row, index$L, out)", r.name(), nextArgs)
                        .build());
        type.addMethod(unchanged());
        type.addMethod(
                twoRows("diffRow")
                        .addParameter(UTF8_BUFFER, "out")
                        .addStatement("diff$LRow(a, b, ia, ib$L, out)", r.name(), outerArgs(true))
                        .build());
        type.addMethod(
                override("writeRange")
                        .addParameter(RangeCode.listType(r), "rows")
                        .addParameter(UTF8_BUFFER, "out")
                        .addStatement("tree$L(rows$L, out)", r.name(), nextArgs)
                        .build());
    }

    /** A row needs no diff when it, its index (if read) and the outer variables are the same. */
    private MethodSpec unchanged() {
        List<CodeBlock> unchanged = new ArrayList<>();
        unchanged.add(CodeBlock.of("a == b"));
        if (r.index() != null) {
            unchanged.add(CodeBlock.of("ia == ib"));
        }
        for (Var v : outer) {
            unchanged.add(CodeBlock.of("$L == $L", v.javaName() + "Prev", v.javaName() + "Next"));
        }
        return twoRows("unchanged")
                .returns(boolean.class)
                .addStatement("return $L", CodeBlock.join(unchanged, " && "))
                .build();
    }

    /** {@code , xNext, …}, or with {@code both} {@code , xPrev, xNext, …}. */
    private CodeBlock outerArgs(boolean both) {
        CodeBlock.Builder b = CodeBlock.builder();
        for (Var v : outer) {
            if (both) {
                b.add(", $L", v.javaName() + "Prev");
            }
            b.add(", $L", v.javaName() + "Next");
        }
        return b.build();
    }

    /** An override taking two rows and their indexes, {@code a, ia, b, ib}. */
    private MethodSpec.Builder twoRows(String name) {
        return override(name)
                .addParameter(rowType, "a")
                .addParameter(int.class, "ia")
                .addParameter(rowType, "b")
                .addParameter(int.class, "ib");
    }

    private static MethodSpec.Builder override(String name) {
        return MethodSpec.methodBuilder(name)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED);
    }
}
