package io.github.livetemplate.examples.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.dev.LiveReload;
import io.github.livetemplate.examples.Main;
import io.github.livetemplate.examples.counter.Counter;
import io.github.livetemplate.examples.counter.CounterController;
import io.github.livetemplate.examples.counter.CounterControllerLive;
import io.github.livetemplate.examples.counter.CounterRenderer;
import io.github.livetemplate.runtime.Context;
import io.github.livetemplate.runtime.generated.Actions;
import io.github.livetemplate.undertow.LiveHandler;
import io.undertow.Handlers;
import io.undertow.Undertow;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Dev mode end to end (docs/dev-mode.md): the counter on real Undertow in dev mode, its template
 * copied to a temporary source root that {@link LiveReload} watches, the real client in headless
 * Chromium. Edits go live with the count kept; a broken template shows an overlay until fixed; an
 * action that throws shows its exception; a restarted server is reconnected to quickly.
 */
@ExtendWith(BrowserExtension.class)
@Timeout(120)
class DevModeBrowserTest {
    static final String TEMPLATE = "io/github/livetemplate/examples/counter/counter.tmpl";

    /** A reload recompiles with javac: generous on a loaded machine, still bounded. */
    static final Duration RELOAD = Duration.ofSeconds(20);

    Path root;
    Path profile;
    Undertow server;
    LiveReload reload;
    ChromeDriver driver;
    String base;

    /** The counter's actions, plus {@code explode}, which throws. */
    static final class Exploding implements Actions<Counter> {
        final CounterControllerLive counter = new CounterControllerLive(new CounterController());

        @Override
        public Set<String> names() {
            return Set.of("increment", "decrement", "explode");
        }

        @Override
        public Counter run(String name, Counter state, Context ctx) throws Exception {
            if (name.equals("explode")) {
                throw new IllegalStateException("the counter exploded at " + state.count());
            }
            return counter.run(name, state, ctx);
        }
    }

    private static LiveHandler<Counter> page() {
        return LiveHandler.builder(new CounterRenderer(), new Exploding(), Counter.initial())
                .devMode(true)
                .build();
    }

    private Undertow serve(LiveHandler<Counter> page, int port) {
        return Main.start("127.0.0.1", port, Handlers.path().addPrefixPath("/counter", page));
    }

    @BeforeEach
    void start() throws Exception {
        root = Files.createTempDirectory("lvt-dev-src-");
        Path file = root.resolve(TEMPLATE);
        Files.createDirectories(file.getParent());
        try (InputStream in = Counter.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
            Files.write(file, in.readAllBytes());
        }
        LiveHandler<Counter> page = page();
        reload = LiveReload.start(root).watch(page, Counter.class);
        server = serve(page, 0);
        base = "http://127.0.0.1:" + Main.port(server);
        profile = Files.createTempDirectory("lvt-dev-chromium-");
        driver = E2E.newDriver(profile);
    }

    @AfterEach
    void stop() {
        try {
            driver.quit();
        } finally {
            reload.close();
            server.stop();
            E2E.delete(profile);
            E2E.delete(root);
        }
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private String text(String css) {
        return (String)
                js(
                        "var e = document.querySelector(arguments[0]); return e ? e.textContent : null;",
                        css);
    }

    private <T> T waitFor(Duration max, String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, max).withMessage(what).until(condition);
    }

    private void waitText(String css, String expected) {
        waitFor(
                Duration.ofSeconds(5),
                css + " to read \"" + expected + "\" (it reads \"" + text(css) + "\")",
                d -> expected.equals(text(css)));
    }

    private void open() {
        driver.get(base + "/counter");
        waitFor(
                Duration.ofSeconds(5),
                "the client to be ready",
                d ->
                        Boolean.TRUE.equals(
                                js(
                                        "return !!(window.liveTemplateClient && window.liveTemplateClient.isReady())")));
    }

    private void click(String name) {
        driver.findElement(By.cssSelector("button[name='" + name + "']")).click();
    }

    private void edit(String from, String to) throws Exception {
        Path file = root.resolve(TEMPLATE);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.contains(from), "the template holds " + from);
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    }

    @Test
    void aTemplateEditGoesLiveWithTheCountKeptAndAnErrorShowsUntilFixed() throws Exception {
        open();
        click("increment");
        click("increment");
        waitText("#count", "2");

        // Given an edit of the heading: the open page shows it, with its count.
        edit("Counter: <output", "Clicks: <output");
        waitFor(
                RELOAD,
                "the edited heading (it reads \"" + text("h1") + "\")",
                d -> "Clicks: 2".equals(text("h1")));
        click("increment");
        waitText("#count", "3");

        // Given a typo: the page keeps working with the old renderer and shows the error.
        edit("{{.Count}}</output>", "{{.Cuont}}</output>");
        String overlay = waitFor(RELOAD, "the error overlay", d -> text("#lvt-dev-overlay"));
        assertTrue(overlay.contains(TEMPLATE.substring(TEMPLATE.lastIndexOf('/') + 1)), overlay);
        assertTrue(overlay.contains("Cuont"), overlay);
        assertTrue(overlay.matches("(?s).*counter\\.tmpl:\\d+:\\d+.*"), "file:line:col " + overlay);
        assertTrue(overlay.contains("^"), "a caret: " + overlay);
        click("increment");
        waitText("#count", "4");

        // A page loaded while the template is broken shows the error too.
        open();
        waitFor(
                Duration.ofSeconds(5),
                "the overlay on a fresh load",
                d -> text("#lvt-dev-overlay"));
        click("increment");
        waitText("#count", "1");

        // Fixed: the overlay goes and the page renders with the fixed template.
        edit("{{.Cuont}}</output>", "{{.Count}} clicks</output>");
        waitFor(
                RELOAD,
                "the fixed page (it reads \"" + text("h1") + "\")",
                d -> "Clicks: 1 clicks".equals(text("h1")) && text("#lvt-dev-overlay") == null);
    }

    @Test
    void anActionThatThrowsShowsItsExceptionAndName() {
        open();
        click("increment");
        waitText("#count", "1");

        js("window.liveTemplateClient.send({action: 'explode', data: {}})");

        String overlay =
                waitFor(Duration.ofSeconds(5), "the action overlay", d -> text("#lvt-dev-overlay"));
        assertTrue(overlay.contains("Action \"explode\" failed"), overlay);
        assertTrue(
                overlay.contains("java.lang.IllegalStateException: the counter exploded at 1"),
                overlay);
        assertTrue(
                overlay.contains("at io.github.livetemplate.examples.e2e.DevModeBrowserTest"),
                overlay);
        // The next action that works clears it.
        click("increment");
        waitText("#count", "2");
        waitFor(Duration.ofSeconds(5), "the overlay to go", d -> text("#lvt-dev-overlay") == null);
    }

    @Test
    void aStoppedServerShowsABannerAndARestartedOneIsReconnectedQuickly() {
        open();
        click("increment");
        waitText("#count", "1");
        int port = Main.port(server);

        server.stop();
        waitFor(
                Duration.ofSeconds(5),
                "the unreachable banner",
                d -> text("#lvt-dev-banner") != null);

        LiveHandler<Counter> restarted = page();
        server = serve(restarted, port);
        long started = System.nanoTime();
        waitFor(
                Duration.ofSeconds(5),
                "the banner to go after the restart",
                d -> text("#lvt-dev-banner") == null);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("dev mode: reconnected " + millis + " ms after the restart");
        // A new server process starts over: the page is live again on its initial state.
        waitText("#count", "0");
        click("increment");
        waitText("#count", "1");
        assertEquals(1, restarted.openConnections());
    }
}
