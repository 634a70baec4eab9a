package io.github.livetemplate.processor.generate;

import static io.github.livetemplate.processor.generate.RuntimeTypes.STATICS;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import io.github.livetemplate.processor.model.Node;
import io.github.livetemplate.processor.model.RangeInfo;
import io.github.livetemplate.processor.parse.Pos;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * The renderer's pre-encoded statics: {@code byte[]} constants declared on first use, so the
 * generated views write template text without encoding it per render.
 */
final class Constants {
    /** Chunk size for string constants: 8,000 chars stay below 65,535 bytes of modified UTF-8. */
    private static final int CHUNK = 8000;

    private final RendererClass c;
    private final Map<String, Integer> names = new HashMap<>();
    private final Map<Node, String> texts = new IdentityHashMap<>();

    Constants(RendererClass c) {
        this.c = c;
    }

    /** HTML text of {@code n} starting at {@code pos}; {@code index} counts the node's texts. */
    String html(Node n, int index, String text, Pos pos) {
        return bytes(
                n.name() + "Html" + index,
                text,
                "HTML of {@code " + n.name() + "} from " + c.at(pos) + ".");
    }

    /** {@code {"s":[…]}} opening of a node's complete tree (without the closing brace). */
    String treeOpening(Node n) {
        return bytes(
                n.name() + "Tree",
                "{\"s\":" + staticsArray(n),
                "Statics of " + c.where(n) + " as the start of its tree JSON.");
    }

    /** {@code {"s":[…],"d":[} opening of a range node: the row statics, then the rows. */
    String rangeOpening(RangeInfo r) {
        return bytes(
                r.name() + "Open",
                "{\"s\":" + staticsArray(r.row()) + ",\"d\":[",
                "Row statics of " + c.where(r.row()) + ", opening the range node.");
    }

    /** The JSON string of a static node's text; declared once however often it is used. */
    String text(Node n) {
        return texts.computeIfAbsent(
                n,
                k ->
                        bytes(
                                k.name() + "Text",
                                jsonString(k.staticText()),
                                "The static text of " + c.where(k) + " as a JSON string."));
    }

    /** {@code RangeName} as a constant name, {@code RANGE_NAME}. */
    static String upperSnake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    private String bytes(String base, String value, String javadoc) {
        String name = uniqueName(base);
        c.type()
                .addField(
                        FieldSpec.builder(
                                        byte[].class,
                                        name,
                                        Modifier.PRIVATE,
                                        Modifier.STATIC,
                                        Modifier.FINAL)
                                .addJavadoc(javadoc + "\n")
                                .initializer(
                                        "$T.utf8($L)", STATICS, CodeBlock.join(chunks(value), ", "))
                                .build());
        return name;
    }

    private String uniqueName(String base) {
        String name = upperSnake(base);
        int n = names.merge(name, 1, Integer::sum);
        return n == 1 ? name : name + "_" + n;
    }

    /** String literals short enough for the class file, never splitting a surrogate pair. */
    private static List<CodeBlock> chunks(String value) {
        List<CodeBlock> chunks = new ArrayList<>();
        for (int i = 0; i < value.length(); ) {
            int end = Math.min(value.length(), i + CHUNK);
            if (end < value.length() && Character.isHighSurrogate(value.charAt(end - 1))) {
                end--;
            }
            chunks.add(CodeBlock.of("$S", value.substring(i, end)));
            i = end;
        }
        if (chunks.isEmpty()) {
            chunks.add(CodeBlock.of("$S", ""));
        }
        return chunks;
    }

    private static String staticsArray(Node n) {
        List<String> parts = new ArrayList<>();
        for (String s : n.statics()) {
            parts.add(jsonString(s));
        }
        return "[" + String.join(",", parts) + "]";
    }

    private static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default ->
                        b.append(
                                ch < 0x20
                                        ? String.format("\\u%04x", (int) ch)
                                        : String.valueOf(ch));
            }
        }
        return b.append('"').toString();
    }
}
