package io.github.livetemplate.processor.generate;

import static io.github.livetemplate.processor.generate.RuntimeTypes.ESCAPE;
import static io.github.livetemplate.processor.generate.RuntimeTypes.JSON;
import static io.github.livetemplate.processor.generate.RuntimeTypes.SLOTS;

import com.palantir.javapoet.CodeBlock;
import io.github.livetemplate.processor.model.Escaper;
import io.github.livetemplate.processor.model.Expr;
import java.util.EnumSet;
import java.util.Set;
import javax.lang.model.type.TypeKind;

/**
 * Writes a printed value escaped for its HTML context: as HTML, or (for the tree and diff) as a
 * JSON string of that HTML. The runtime escapers take the same flag, so both views share this.
 */
final class ValueCode {
    /** Contexts where digits and true/false need no escaping. */
    private static final Set<Escaper.Kind> PLAIN_SAFE =
            EnumSet.of(
                    Escaper.Kind.HTML,
                    Escaper.Kind.HTML_UNQUOTED,
                    Escaper.Kind.URL_PATH,
                    Escaper.Kind.URL_QUERY,
                    Escaper.Kind.CSS_VALUE);

    /** Contexts where a double's digits, sign, point, exponent, NaN and Inf need no escaping. */
    private static final Set<Escaper.Kind> NUMBER_SAFE =
            EnumSet.of(Escaper.Kind.HTML, Escaper.Kind.HTML_UNQUOTED);

    private ValueCode() {}

    static void write(CodeBlock.Builder code, Expr e, CodeBlock value, Escaper esc, boolean json) {
        boolean integral = ExprCode.isIntegral(e);
        boolean bool = e.type().getKind() == TypeKind.BOOLEAN;
        if (PLAIN_SAFE.contains(esc.kind()) && (integral || bool)) {
            plain(code, value, integral, json);
            return;
        }
        if (json) {
            code.addStatement("out.writeByte('\"')");
        }
        if (NUMBER_SAFE.contains(esc.kind()) && e.type().getKind() == TypeKind.DOUBLE) {
            // Written straight into the buffer: no String per double.
            code.addStatement("$T.number($L, out)", SLOTS, value);
        } else {
            escaped(code, e, value, esc, json);
        }
        if (json) {
            code.addStatement("out.writeByte('\"')");
        }
    }

    private static void plain(
            CodeBlock.Builder code, CodeBlock value, boolean integral, boolean json) {
        if (json) {
            code.addStatement(integral ? "$T.number(out, $L)" : "$T.bool(out, $L)", JSON, value);
        } else {
            code.addStatement(
                    integral ? "out.writeLong($L)" : "out.writeAscii($L ? \"true\" : \"false\")",
                    value);
        }
    }

    private static void escaped(
            CodeBlock.Builder code, Expr e, CodeBlock value, Escaper esc, boolean json) {
        String delim = "$T.Delim." + esc.delim().name();
        CodeBlock text = CodeBlock.of("$T.text($L)", SLOTS, value);
        switch (esc.kind()) {
            case HTML -> {
                if (esc.text() && !isString(e) && !ExprCode.isPrimitive(e)) {
                    code.addStatement("$T.textContent($L, out, $L)", SLOTS, value, json);
                } else {
                    code.addStatement("$T.html($L, out, $L)", ESCAPE, text, json);
                }
            }
            case HTML_UNQUOTED ->
                    code.addStatement("$T.htmlUnquoted($L, out, $L)", ESCAPE, text, json);
            case URL_START, URL_PATH, URL_QUERY ->
                    code.addStatement(
                            "$T.url($L, $T.UrlPart.$L, " + delim + ", out, $L)",
                            ESCAPE,
                            text,
                            ESCAPE,
                            esc.kind().name().substring(4),
                            ESCAPE,
                            json);
            case JS_VALUE ->
                    code.addStatement(
                            "$T.jsValue($L, " + delim + ", out, $L)", ESCAPE, value, ESCAPE, json);
            case JS_STRING ->
                    code.addStatement(
                            "$T.jsString($L, " + delim + ", out, $L)", ESCAPE, text, ESCAPE, json);
            case CSS_VALUE ->
                    code.addStatement(
                            "$T.cssValue($L, " + delim + ", out, $L)", ESCAPE, text, ESCAPE, json);
            case CSS_STRING ->
                    code.addStatement(
                            "$T.cssString($L, " + delim + ", out, $L)", ESCAPE, text, ESCAPE, json);
            case RAW -> code.addStatement("$T.trusted($L, out, $L)", ESCAPE, text, json);
            case ATTR_NAME -> code.addStatement("$T.attrName($L, out, $L)", SLOTS, value, json);
            case DROP -> throw new IllegalStateException("dropped values have no slot");
        }
    }

    private static boolean isString(Expr e) {
        return e.type().toString().equals("java.lang.String");
    }
}
