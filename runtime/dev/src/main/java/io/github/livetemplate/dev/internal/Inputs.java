package io.github.livetemplate.dev.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Internal: reads the templates a renderer was made from, as the processor records them in {@code
 * META-INF/livetemplate/inputs/<record>.properties} (resource path and SHA-256 of the text), and
 * maps a resource path to its file under the source root (never outside it).
 */
public final class Inputs {
    static final String FOLDER = "META-INF/livetemplate/inputs/";

    private Inputs() {}

    /** Resource path → SHA-256, from the record's class loader; empty when nothing was recorded. */
    public static Map<String, String> ofRecord(Class<?> record) {
        ClassLoader loader = record.getClassLoader();
        if (loader == null) {
            return Map.of();
        }
        try (InputStream in =
                loader.getResourceAsStream(FOLDER + record.getName() + ".properties")) {
            return in == null
                    ? Map.of()
                    : parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Map.of();
        }
    }

    /** The same, from a recompilation's class output. */
    public static Map<String, String> ofDirectory(Path classes, Class<?> record) {
        Path file = classes.resolve(FOLDER + record.getName() + ".properties");
        try {
            return Files.isRegularFile(file) ? parse(Files.readString(file)) : Map.of();
        } catch (IOException e) {
            return Map.of();
        }
    }

    static Map<String, String> parse(String text) throws IOException {
        Properties p = new Properties();
        try (Reader r = new StringReader(text)) {
            p.load(r);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; p.getProperty("template." + i) != null; i++) {
            out.put(p.getProperty("template." + i), p.getProperty("template." + i + ".sha256", ""));
        }
        return out;
    }

    /** The file of resource {@code path} under {@code root}; null when it would leave the root. */
    public static Path file(Path root, String path) {
        Path f = root.resolve(path).normalize();
        return f.startsWith(root) ? f : null;
    }

    /** The SHA-256 (hex) of a file's text, as the processor computes it; null when unreadable. */
    public static String sha256(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | NoSuchAlgorithmException e) {
            return null;
        }
    }
}
