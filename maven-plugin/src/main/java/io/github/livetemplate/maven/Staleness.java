package io.github.livetemplate.maven;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Finds renderers whose templates changed since they were generated and makes the compiler
 * recompile them. The processor writes {@code META-INF/livetemplate/inputs/<record>.properties}
 * into the class output for every renderer: the record's top-level class and each template's
 * resource path with the SHA-256 of its text. A renderer is stale when a template's file (in a
 * resource folder or the class output) now has another hash, or is gone. Its record's class file
 * and its inputs file are then deleted: the maven-compiler-plugin sees a source without its class,
 * recompiles, and the processor regenerates the renderer (or reports the template's errors).
 */
final class Staleness {
    static final String INPUTS = "META-INF/livetemplate/inputs";

    /**
     * A folder templates are copied from: a Maven resource directory and its {@code targetPath}.
     *
     * @param targetPath where under the class output its files go ({@code ""} for the root)
     */
    record Root(Path dir, String targetPath) {
        /** Where the resource {@code name} of the class output comes from, or null. */
        Path source(String name) {
            String prefix = targetPath == null ? "" : targetPath.replace('\\', '/');
            while (prefix.endsWith("/")) {
                prefix = prefix.substring(0, prefix.length() - 1);
            }
            if (prefix.isEmpty()) {
                return dir.resolve(name);
            }
            if (Path.of(prefix).isAbsolute() || !name.startsWith(prefix + "/")) {
                return null;
            }
            return dir.resolve(name.substring(prefix.length() + 1));
        }
    }

    /** One stale renderer: its inputs file and why. */
    record Stale(Path inputs, String record, String reason) {}

    private Staleness() {}

    /**
     * Checks every renderer recorded in {@code classes} against {@code roots}, deletes what must be
     * recompiled and tells {@code log} why.
     *
     * @return the stale renderers
     */
    static List<Stale> refresh(Path classes, List<Root> roots, Consumer<String> log)
            throws IOException {
        List<Stale> stale = new ArrayList<>();
        Path folder = classes.resolve(INPUTS);
        if (!Files.isDirectory(folder)) {
            return stale;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.toString().endsWith(".properties")).sorted().toList();
        }
        for (Path file : files) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            String record = file.getFileName().toString().replaceFirst("\\.properties$", "");
            String reason = reason(p, classes, roots);
            if (reason == null) {
                continue;
            }
            String cls = p.getProperty("class");
            if (cls != null && !cls.isBlank()) {
                Files.deleteIfExists(classes.resolve(cls + ".class"));
            }
            Files.deleteIfExists(file);
            log.accept(reason + ": recompiling " + record.replace('$', '.'));
            stale.add(new Stale(file, record, reason));
        }
        return stale;
    }

    /** Why the renderer recorded in {@code p} is stale, or null when it is not. */
    private static String reason(Properties p, Path classes, List<Root> roots) throws IOException {
        for (int i = 0; ; i++) {
            String name = p.getProperty("template." + i);
            if (name == null) {
                return null;
            }
            String hash = p.getProperty("template." + i + ".sha256", "");
            List<Path> found = new ArrayList<>();
            found.add(classes.resolve(name));
            for (Root root : roots) {
                Path src = root.source(name);
                if (src != null) {
                    found.add(src);
                }
            }
            boolean any = false;
            for (Path f : found) {
                if (!Files.isRegularFile(f)) {
                    continue;
                }
                any = true;
                if (!hash.equals(sha256(f))) {
                    return name + " changed";
                }
            }
            if (!any) {
                return name + " is gone";
            }
        }
    }

    /** The SHA-256 of the file's text, as the processor computes it; "" when it is not UTF-8. */
    static String sha256(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            return "";
        }
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
