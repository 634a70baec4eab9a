package io.github.livetemplate.buildtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mvn archetype:generate} with livetemplate-archetype gives a project whose {@code ./mvnw
 * test} passes offline (its test uses the test kit) and whose {@code ./mvnw exec:java} serves the
 * page.
 */
@Timeout(900)
class ArchetypeTest {

    @Test
    void theGeneratedProjectTestsAndRuns(@TempDir Path tmp) throws Exception {
        // given a project generated from the archetype (the archetype plugin is resolved by this
        // module's dependencies; a fresh repository may still lack one of its parts)
        ThrowAwayProject.Build generated =
                new ThrowAwayProject(tmp)
                        .mvnMayDownload(
                                "org.apache.maven.plugins:maven-archetype-plugin:3.4.0:generate",
                                "-DinteractiveMode=false",
                                "-DarchetypeGroupId=io.github.livetemplate",
                                "-DarchetypeArtifactId=livetemplate-archetype",
                                "-DarchetypeVersion=" + ThrowAwayProject.VERSION,
                                "-DgroupId=com.example",
                                "-DartifactId=hello",
                                "-Dversion=1.0",
                                "-Dpackage=com.example.hello");
        assertTrue(generated.ok(), generated.toString());
        Path app = tmp.resolve("hello");
        for (String file :
                new String[] {
                    "pom.xml",
                    "src/main/java/com/example/hello/Counter.java",
                    "src/main/java/com/example/hello/CounterController.java",
                    "src/main/java/com/example/hello/Main.java",
                    "src/main/resources/com/example/hello/counter.tmpl",
                    "src/test/java/com/example/hello/CounterControllerTest.java"
                }) {
            assertTrue(Files.isRegularFile(app.resolve(file)), file);
        }
        assertTrue(Files.isExecutable(app.resolve("mvnw")), "./mvnw is executable");
        ThrowAwayProject project = ThrowAwayProject.existing(app);

        // then ./mvnw test passes with the generated test on the test kit
        ThrowAwayProject.Build test = project.mvn("test");
        assertTrue(test.ok(), test.toString());
        assertTrue(
                test.output().contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0"),
                test.toString());

        // and ./mvnw exec:java serves the page
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = tmp.resolve("exec.log");
        Process server = project.start(Map.of("PORT", Integer.toString(port)), log, "exec:java");
        try {
            HttpResponse<String> page = awaitPage(port, server, log);
            assertEquals(200, page.statusCode(), page.body());
            assertTrue(page.body().contains("<output id=\"count\">0</output>"), page.body());
            assertTrue(page.body().contains("/_lvt/client-"), "the client script is wired");
        } finally {
            server.descendants().forEach(ProcessHandle::destroy);
            server.destroy();
            server.waitFor();
        }
    }

    /** The page once the server answers (at most three minutes: Maven starts first). */
    private static HttpResponse<String> awaitPage(int port, Process server, Path log)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest get =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                        .timeout(Duration.ofSeconds(5))
                        .build();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("exec:java ended:\n" + Files.readString(log));
            }
            try {
                return http.send(get, HttpResponse.BodyHandlers.ofString());
            } catch (IOException notYet) {
                Thread.sleep(500);
            }
        }
        throw new AssertionError("no answer on port " + port + ":\n" + Files.readString(log));
    }
}
