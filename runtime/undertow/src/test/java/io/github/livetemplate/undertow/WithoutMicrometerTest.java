package io.github.livetemplate.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.undertow.testing.TestPage;
import io.github.livetemplate.undertow.testing.TestServer;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Micrometer is optional: with every jar of the test class path except Micrometer's, in a class
 * loader of its own, a handler is built, serves a page, a WebSocket action and a POST.
 */
@Timeout(60)
class WithoutMicrometerTest {

    @Test
    void theRuntimeServesPagesWithMicrometerAbsent() throws Exception {
        // given: the class path without Micrometer
        String classPath =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        boolean dropped = false;
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.contains("micrometer")) {
                dropped = true;
                continue;
            }
            urls.add(Path.of(entry).toUri().toURL());
        }
        assertTrue(dropped, "the test class path had Micrometer to leave out");
        try (URLClassLoader loader =
                new URLClassLoader(
                        urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            assertThrows(
                    ClassNotFoundException.class,
                    () ->
                            Class.forName(
                                    "io.micrometer.core.instrument.MeterRegistry", false, loader));
            // when: the application runs there
            Class<?> app = Class.forName(App.class.getName(), true, loader);
            String result = (String) app.getMethod("run").invoke(null);
            // then
            assertEquals("page 200, ws count 1, post count 1", result);
        }
    }

    /** The application, loaded by the Micrometer-less class loader. */
    public static final class App {
        public static String run() throws Exception {
            LiveHandler<TestPage.Page> handler =
                    LiveHandler.builder(
                                    new TestPage.Renderer(false),
                                    new TestPage.Controller(),
                                    TestPage.Page.initial())
                            .build();
            try (TestServer server = TestServer.with("/counter", handler)) {
                int page = server.get("/counter").statusCode();
                String ws;
                try (TestServer.WsClient c = server.connect("/counter")) {
                    c.next();
                    ws = c.call("{\"action\":\"increment\"}").get("tree").get("0").asText();
                }
                String cookie = server.session("/counter");
                String post =
                        TestServer.json(
                                        server.post(
                                                        "/counter",
                                                        "{\"action\":\"increment\"}",
                                                        "Cookie",
                                                        cookie)
                                                .body())
                                .get("tree")
                                .get("0")
                                .asText();
                return "page " + page + ", ws count " + ws + ", post count " + post;
            }
        }
    }
}
