package io.github.livetemplate.processor;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The template files each renderer was generated from, written next to the classes as {@code
 * META-INF/livetemplate/inputs/<record binary name>.properties}: the class the record is compiled
 * into, and each template's resource path with the SHA-256 of the text read. javac and Maven track
 * only Java sources; {@code livetemplate-maven-plugin} compares these hashes with the templates
 * before {@code compile} and deletes the record's class when one changed, so that the compiler
 * plugin recompiles it and the processor runs again (docs/templates.md, "Editing templates"). Holds
 * no machine paths.
 */
final class TemplateInputs {
    static final String FOLDER = "META-INF/livetemplate/inputs/";

    /** Resource path → hash of the text read, per record, in reading order. */
    private final Map<String, Map<String, String>> byRecord = new LinkedHashMap<>();

    /**
     * Notes that {@code record}'s renderer reads the template at {@code path} with {@code text}.
     */
    void read(TypeElement record, String path, String text) {
        byRecord.computeIfAbsent(record.getQualifiedName().toString(), k -> new LinkedHashMap<>())
                .put(path, sha256(text));
    }

    /**
     * Writes {@code record}'s file (after its renderer was generated).
     *
     * @throws IOException when the file cannot be written
     */
    void write(Filer filer, Elements elements, TypeElement record) throws IOException {
        Map<String, String> templates =
                byRecord.getOrDefault(record.getQualifiedName().toString(), Map.of());
        StringBuilder b = new StringBuilder();
        b.append("# The templates ")
                .append(record.getQualifiedName())
                .append("'s renderer was generated from;\n")
                .append("# livetemplate-maven-plugin recompiles the record when one changes.\n");
        b.append("class=")
                .append(elements.getBinaryName(outermost(record)).toString().replace('.', '/'))
                .append('\n');
        int i = 0;
        for (Map.Entry<String, String> t : templates.entrySet()) {
            b.append("template.").append(i).append('=').append(t.getKey()).append('\n');
            b.append("template.").append(i).append(".sha256=").append(t.getValue()).append('\n');
            i++;
        }
        FileObject file =
                filer.createResource(
                        StandardLocation.CLASS_OUTPUT,
                        "",
                        FOLDER + elements.getBinaryName(record) + ".properties",
                        record);
        try (Writer w = file.openWriter()) {
            w.write(b.toString());
        }
    }

    /** The top-level type around {@code type}: the class file javac's callers map sources to. */
    private static TypeElement outermost(TypeElement type) {
        Element e = type;
        TypeElement top = type;
        while (e != null && !(e.getKind() == javax.lang.model.element.ElementKind.PACKAGE)) {
            if (e instanceof TypeElement t) {
                top = t;
            }
            e = e.getEnclosingElement();
        }
        return top;
    }

    static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** For tests: the paths read for {@code record}, in order. */
    List<String> paths(String record) {
        return List.copyOf(byRecord.getOrDefault(record, Map.of()).keySet());
    }
}
