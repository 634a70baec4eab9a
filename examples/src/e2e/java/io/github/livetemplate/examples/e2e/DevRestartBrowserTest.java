package io.github.livetemplate.examples.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.livetemplate.dev.DevLauncher;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A Java edit in dev mode, end to end (docs/dev-mode.md, "Java edits"): the counter in a child JVM
 * under {@link DevLauncher}, the real client in headless Chromium. A change in the watched class
 * folder restarts the child; the open tab reconnects and goes on from its count.
 */
@ExtendWith(BrowserExtension.class)
@Timeout(180)
class DevRestartBrowserTest {
    /** A child JVM start on a loaded machine: generous, still bounded. */
    static final Duration START = Duration.ofSeconds(60);

    ChromeDriver driver;

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

    private void waitText(String expected) {
        waitFor(
                Duration.ofSeconds(5),
                "#count to read " + expected + " (it reads " + text("#count") + ")",
                d -> expected.equals(text("#count")));
    }

    private void waitReady() {
        waitFor(
                Duration.ofSeconds(10),
                "the client to be ready",
                d ->
                        Boolean.TRUE.equals(
                                js(
                                        "return !!(window.liveTemplateClient && window.liveTemplateClient.isReady())")));
    }

    /** Waits (bounded) until the child JVM answers the page: Chromium fails on a refused load. */
    private static void awaitServing(String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long until = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < until) {
            try {
                HttpResponse<Void> r =
                        http.send(
                                HttpRequest.newBuilder(URI.create(url)).build(),
                                HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the child JVM did not serve " + url + " within " + START);
    }

    private void click(String name) {
        driver.findElement(By.cssSelector("button[name='" + name + "']")).click();
    }

    @Test
    void aRestartForAClassChangeKeepsTheOpenPagesCount() throws Exception {
        Path dir = Files.createTempDirectory("lvt-dev-restart-");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        DevLauncher launcher =
                new DevLauncher(
                        new DevLauncher.Options(
                                List.of(classes),
                                null,
                                null,
                                dir.resolve("states.json"),
                                List.of(),
                                DevLauncher.classPath(),
                                DevRestartApp.class.getName(),
                                List.of(Integer.toString(port))));
        Thread watching =
                new Thread(
                        () -> {
                            try {
                                launcher.run();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "dev-launcher");
        watching.setDaemon(true);
        watching.start();
        Path profile = Files.createTempDirectory("lvt-dev-restart-chromium-");
        driver = E2E.newDriver(profile);
        try {
            String url = "http://127.0.0.1:" + port + "/counter";
            awaitServing(url);
            driver.get(url);
            waitReady();
            click("increment");
            click("increment");
            waitText("2");

            // Given a class change (an IDE build or mvn compile writes target/classes).
            long changed = System.nanoTime();
            Files.writeString(classes.resolve("Changed.class"), "changed");
            waitFor(
                    START,
                    "the banner of the stopped server",
                    d -> text("#lvt-dev-banner") != null);
            waitFor(START, "the banner to go", d -> text("#lvt-dev-banner") == null);
            long millis = (System.nanoTime() - changed) / 1_000_000;
            System.out.println("dev launcher: page live again " + millis + " ms after the change");

            // Then the new JVM goes on from the tab's count.
            assertEquals(2, launcher.starts());
            waitReady();
            waitText("2");
            click("increment");
            try {
                waitText("3");
            } catch (RuntimeException e) {
                System.out.println("page: " + js("return document.body.innerHTML"));
                driver.manage()
                        .logs()
                        .get("browser")
                        .forEach(l -> System.out.println("console: " + l.getMessage()));
                throw e;
            }
        } finally {
            try {
                driver.quit();
            } finally {
                launcher.close();
                watching.join(10_000);
                E2E.delete(profile);
                E2E.delete(dir);
            }
        }
    }
}
