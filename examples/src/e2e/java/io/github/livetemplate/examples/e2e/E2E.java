package io.github.livetemplate.examples.e2e;

import io.github.livetemplate.examples.Main;
import io.github.livetemplate.examples.account.Account;
import io.github.livetemplate.examples.account.AccountController;
import io.github.livetemplate.examples.account.Accounts;
import io.github.livetemplate.examples.account.SignIn;
import io.github.livetemplate.examples.account.SignIns;
import io.github.livetemplate.examples.account.SignUp;
import io.github.livetemplate.examples.counter.Counter;
import io.github.livetemplate.examples.profile.AvatarStore;
import io.github.livetemplate.examples.profile.Profile;
import io.github.livetemplate.examples.todo.TodoRepository;
import io.github.livetemplate.examples.todo.TodoState;
import io.github.livetemplate.undertow.LiveHandler;
import io.undertow.Undertow;
import io.undertow.server.handlers.PathHandler;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the browser tests share, started once per test run (see {@link BrowserExtension}): the
 * example apps on an in-process Undertow at 127.0.0.1 and a free port, every message recorded in a
 * {@link FrameLog}, and one headless Chromium driven through the Debian {@code chromedriver}.
 *
 * <p>Pages: the to-do app at {@code /} and the counter at {@code /counter}, both with a 2 s
 * heartbeat (so a lost socket is reconnected quickly), and the counter in HTTP-only mode ({@code
 * webSocket(false)}) at {@code /http-counter}, and the profile page with its avatar upload at
 * {@code /profile} (staging its files in {@link #uploads}).
 *
 * <p>Every wait is bounded ({@link #WAIT}).
 */
final class E2E implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration WAIT = Duration.ofSeconds(5);
    static final int HEARTBEAT_MILLIS = 2000;

    final FrameLog frames = new FrameLog();
    final TodoRepository repository = new TodoRepository();
    final LiveHandler<TodoState> todos;
    final LiveHandler<Counter> counter;
    final LiveHandler<Counter> httpCounter;
    final Accounts accounts = new Accounts();
    final LiveHandler<SignUp> signUp;
    final SignIns signIns = new SignIns();
    final LiveHandler<SignIn> signIn;
    final LiveHandler<Account> account;
    final AvatarStore avatars = new AvatarStore();
    final Path uploads;
    final LiveHandler<Profile> profilePage;
    final Undertow server;
    final String base;
    final Path profile;
    final ChromeDriver driver;

    private E2E() {
        todos =
                Main.todoPage(repository)
                        .heartbeatMillis(HEARTBEAT_MILLIS)
                        .frameListener(frames)
                        .build();
        counter =
                Main.counterPage().heartbeatMillis(HEARTBEAT_MILLIS).frameListener(frames).build();
        httpCounter = Main.counterPage().webSocket(false).frameListener(frames).build();
        signUp = Main.signUpPage(accounts).frameListener(frames).build();
        signIn = Main.signInPage(accounts, signIns).frameListener(frames).build();
        AccountController accountController = new AccountController(accounts, signIns);
        account =
                Main.account(
                        accountController,
                        Main.accountPage(accountController, signIns)
                                .heartbeatMillis(HEARTBEAT_MILLIS)
                                .frameListener(frames));
        try {
            uploads = Files.createTempDirectory("lvt-uploads-").resolve("staging");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        profilePage =
                Main.profilePage(avatars)
                        .heartbeatMillis(HEARTBEAT_MILLIS)
                        .frameListener(frames)
                        .uploads(uploads, 1_000_000_000L)
                        .build();
        PathHandler routes =
                Main.routes(todos, counter)
                        .addPrefixPath("/http-counter", httpCounter)
                        .addPrefixPath("/signup", signUp)
                        .addPrefixPath("/signin", signIn)
                        .addPrefixPath("/account", account)
                        .addPrefixPath("/profile", profilePage);
        server = Main.start("127.0.0.1", 0, routes);
        base = "http://127.0.0.1:" + Main.port(server);
        ChromeDriver d = null;
        Path dir = null;
        try {
            dir = Files.createTempDirectory("lvt-chromium-");
            d = newDriver(dir);
        } catch (IOException | RuntimeException e) {
            server.stop();
            delete(dir);
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
        profile = dir;
        driver = d;
    }

    static E2E start() {
        return new E2E();
    }

    /** A second Chromium, its own profile, JavaScript disabled; started on first use. */
    private ChromeDriver noJs;

    private Path noJsProfile;

    /** The Chromium with JavaScript off (for the no-JS paths), blank and without cookies. */
    synchronized ChromeDriver noJs() {
        if (noJs == null) {
            try {
                noJsProfile = Files.createTempDirectory("lvt-chromium-nojs-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            noJs = newDriver(noJsProfile, false);
        }
        noJs.get("about:blank");
        noJs.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        return noJs;
    }

    /**
     * Chromium with the Debian driver named explicitly, so Selenium Manager never looks for (or
     * downloads) a driver or a browser.
     */
    static ChromeDriver newDriver(Path profile) {
        return newDriver(profile, true);
    }

    private static ChromeDriver newDriver(Path profile, boolean javaScript) {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                        .usingAnyFreePort()
                        .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1200,900",
                "--user-data-dir=" + profile);
        if (!javaScript) {
            // The content setting a user or an administrator sets: no page script runs at all.
            options.setExperimentalOption(
                    "prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(15));
        driver.manage().timeouts().scriptTimeout(WAIT);
        return driver;
    }

    /**
     * Before each test: one window on {@code about:blank} (so no page of an earlier test keeps a
     * socket), no cookies (so the next page load starts a new session group with an empty to-do
     * list), an empty frame log.
     */
    void reset() {
        List<String> handles = List.copyOf(driver.getWindowHandles());
        for (int i = 1; i < handles.size(); i++) {
            driver.switchTo().window(handles.get(i)).close();
        }
        driver.switchTo().window(handles.get(0));
        driver.get("about:blank");
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        waitServer(
                "every socket of the earlier test closed",
                () ->
                        todos.openConnections() == 0
                                && counter.openConnections() == 0
                                && signUp.openConnections() == 0
                                && signIn.openConnections() == 0
                                && account.openConnections() == 0
                                && profilePage.openConnections() == 0);
        frames.clear();
    }

    /** Loads {@code path} and waits until the client is live. */
    void open(String path) {
        driver.get(base + path);
        waitReady();
    }

    /**
     * Waits until {@code window.liveTemplateClient.isReady()} (first tree applied, socket open).
     */
    void waitReady() {
        waitFor(
                "the client to be ready",
                d ->
                        Boolean.TRUE.equals(
                                js(
                                        "return !!(window.liveTemplateClient && window.liveTemplateClient.isReady())")));
    }

    /** Waits (at most {@link #WAIT}) until {@code condition} returns non-null and non-false. */
    <T> T waitFor(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).withMessage(what).until(condition);
    }

    /** Waits (at most {@link #WAIT}) for a server-side condition. */
    void waitServer(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "timed out after " + WAIT.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** The text of the element matching {@code css}, read in the page (never a stale element). */
    String text(String css) {
        Object t =
                js(
                        "var e = document.querySelector(arguments[0]); return e ? e.textContent : null;",
                        css);
        return t == null ? null : t.toString().strip().replaceAll("\\s+", " ");
    }

    /** Waits until {@link #text} of {@code css} equals {@code expected}. */
    void waitText(String css, String expected) {
        waitFor(
                css + " to read \"" + expected + "\" (it reads \"" + text(css) + "\")",
                d -> expected.equals(text(css)));
    }

    @Override
    public void close() {
        try {
            driver.quit();
            if (noJs != null) {
                noJs.quit();
            }
        } finally {
            server.stop();
            delete(profile);
            delete(noJsProfile);
            delete(uploads.getParent());
        }
    }

    static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp directory
        }
    }
}
