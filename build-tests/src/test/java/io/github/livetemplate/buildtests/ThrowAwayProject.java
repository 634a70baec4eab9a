package io.github.livetemplate.buildtests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Maven project in a temporary folder, built offline with the repository's own {@code ./mvnw}
 * against the local repository this build installs into.
 */
final class ThrowAwayProject {
    static final Path ROOT = Path.of(required("livetemplate.root"));
    static final String REPO = required("livetemplate.repo");
    static final String VERSION = required("livetemplate.version");

    /** The plugin versions the project's own build uses (present in the local repository). */
    static final String PLUGINS =
            """
                  <plugin>
                    <artifactId>maven-resources-plugin</artifactId>
                    <version>3.3.1</version>
                  </plugin>
                  <plugin>
                    <artifactId>maven-surefire-plugin</artifactId>
                    <version>3.5.2</version>
                  </plugin>
                  <plugin>
                    <artifactId>maven-jar-plugin</artifactId>
                    <version>3.4.2</version>
                  </plugin>
                  <plugin>
                    <artifactId>maven-install-plugin</artifactId>
                    <version>3.1.3</version>
                  </plugin>
            """;

    /** What one build printed and how it ended. */
    record Build(int exit, String output) {
        boolean ok() {
            return exit == 0;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n" + output;
        }
    }

    final Path dir;

    /** A project in {@code dir} that brings its own wrapper (one an archetype generated). */
    static ThrowAwayProject existing(Path dir) {
        return new ThrowAwayProject(dir, false);
    }

    private ThrowAwayProject(Path dir, boolean unused) {
        this.dir = dir;
    }

    ThrowAwayProject(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir.resolve(".mvn/wrapper"));
        Files.copy(ROOT.resolve("mvnw"), dir.resolve("mvnw"), StandardCopyOption.REPLACE_EXISTING);
        dir.resolve("mvnw").toFile().setExecutable(true);
        Files.copy(
                ROOT.resolve(".mvn/wrapper/maven-wrapper.properties"),
                dir.resolve(".mvn/wrapper/maven-wrapper.properties"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Writes {@code text} at {@code path} (relative to the project). */
    ThrowAwayProject write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return this;
    }

    String read(String path) throws IOException {
        return Files.readString(dir.resolve(path), StandardCharsets.UTF_8);
    }

    /**
     * Starts {@code ./mvnw -o -B <goals>} with {@code env} added; its output goes to {@code log}.
     */
    Process start(java.util.Map<String, String> env, Path log, String... goals) throws IOException {
        ProcessBuilder pb =
                new ProcessBuilder(command(true, goals))
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    private List<String> command(boolean offline, String... goals) {
        List<String> cmd = new ArrayList<>();
        cmd.add(dir.resolve("mvnw").toString());
        if (offline) {
            cmd.add("-o");
        }
        cmd.add("-B");
        cmd.add("-ntp");
        cmd.add("-Dstyle.color=never");
        cmd.add("-Dmaven.repo.local=" + REPO);
        cmd.addAll(List.of(goals));
        return cmd;
    }

    /** Runs {@code ./mvnw -o -B <goals>} (at most five minutes). */
    Build mvn(String... goals) throws IOException, InterruptedException {
        return run(true, goals);
    }

    /**
     * Runs {@code ./mvnw -B <goals>} allowed to download what the local repository lacks (a tool
     * plugin the build itself never ran); everything there is used as it is.
     */
    Build mvnMayDownload(String... goals) throws IOException, InterruptedException {
        return run(false, goals);
    }

    private Build run(boolean offline, String... goals) throws IOException, InterruptedException {
        List<String> cmd = command(offline, goals);
        Path log = Files.createTempFile(dir, "mvn", ".log");
        Process p =
                new ProcessBuilder(cmd)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("mvn " + String.join(" ", goals) + " ran over five minutes");
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return new Build(p.exitValue(), out);
    }

    private static String required(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(
                    "system property " + name + " is not set (run the tests through Maven)");
        }
        return v;
    }
}
