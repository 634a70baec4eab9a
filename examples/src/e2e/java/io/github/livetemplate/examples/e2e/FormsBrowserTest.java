package io.github.livetemplate.examples.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.examples.Main;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.util.Headers;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The sign-up example's form in Chromium with JavaScript off (a second profile whose content
 * setting blocks every script: the form posts natively), with JavaScript on, and posted from
 * another origin (refused).
 */
@ExtendWith(BrowserExtension.class)
@Timeout(90)
class FormsBrowserTest {
    final E2E e2e;

    FormsBrowserTest(E2E e2e) {
        this.e2e = e2e;
    }

    @BeforeEach
    void reset() {
        e2e.reset();
    }

    private static void type(WebDriver d, String name, String text) {
        WebElement e = d.findElement(By.name(name));
        e.clear();
        e.sendKeys(text);
    }

    private static String text(WebDriver d, String css) {
        return d.findElements(By.cssSelector(css)).stream()
                .findFirst()
                .map(WebElement::getText)
                .orElse(null);
    }

    private static void waitFor(
            WebDriver d, String what, java.util.function.Predicate<WebDriver> c) {
        new WebDriverWait(d, E2E.WAIT)
                .withMessage(() -> what + "; the page: " + d.getPageSource())
                .until(c::test);
    }

    @Test
    void withoutJavaScriptErrorsShowOnTheFieldsAndSuccessRedirectsWithAFlashShownOnce() {
        ChromeDriver d = e2e.noJs();
        d.get(e2e.base + "/signup");
        assertEquals(
                "true",
                d.findElement(By.cssSelector("[data-lvt-id]")).getAttribute("data-lvt-loading"),
                "the client never ran (it removes the loading mark)");

        // given a wrong address, a name and a short password
        type(d, "name", "Ada");
        type(d, "email", "ada-at-example");
        type(d, "password", "short");
        d.findElement(By.cssSelector("button[name='signUp']")).click();

        // then the page comes back with the messages, the fields marked, the typed values kept
        waitFor(d, "the e-mail error", x -> text(x, "#email-error") != null);
        assertEquals("That does not look like an e-mail address.", text(d, "#email-error"));
        assertEquals("At least 8 characters, please.", text(d, "#password-error"));
        assertEquals("true", d.findElement(By.name("email")).getAttribute("aria-invalid"));
        assertEquals("true", d.findElement(By.name("password")).getAttribute("aria-invalid"));
        assertNull(d.findElement(By.name("name")).getAttribute("aria-invalid"));
        assertEquals("Ada", d.findElement(By.name("name")).getAttribute("value"));
        assertEquals("ada-at-example", d.findElement(By.name("email")).getAttribute("value"));
        assertEquals("", d.findElement(By.name("password")).getAttribute("value"), "no echo");
        assertFalse(e2e.accounts.exists("ada-at-example"));

        // when the user corrects them
        type(d, "email", "ada@example.com");
        type(d, "password", "correct horse");
        d.findElement(By.cssSelector("button[name='signUp']")).click();

        // then the account exists and the browser was redirected (303) to the sign-in page
        waitFor(d, "the sign-in page", x -> text(x, "#notice") != null);
        assertTrue(e2e.accounts.exists("ada@example.com"));
        assertEquals(e2e.base + "/signin?created=1&email=ada%40example.com", d.getCurrentUrl());
        assertEquals("Your account is ready: sign in.", text(d, "#notice"));

        // and signing in works without JavaScript too: a wrong password first
        assertEquals("ada@example.com", d.findElement(By.name("email")).getAttribute("value"));
        type(d, "password", "wrong password");
        d.findElement(By.cssSelector("button[name='signIn']")).click();
        waitFor(d, "the password error", x -> text(x, "#password-error") != null);
        assertEquals("true", d.findElement(By.name("password")).getAttribute("aria-invalid"));
        type(d, "password", "correct horse");
        d.findElement(By.cssSelector("button[name='signIn']")).click();
        waitFor(d, "the account page", x -> "Ada".equals(text(x, "#name")));
        assertEquals(e2e.base + "/account", d.getCurrentUrl());

        // and signing out ends on the sign-in page; the account page is closed again
        d.findElement(By.cssSelector("button[name='signOut']")).click();
        waitFor(d, "signed out", x -> "You are signed out.".equals(text(x, "#notice")));
        d.get(e2e.base + "/account");
        assertTrue(d.getCurrentUrl().startsWith(e2e.base + "/signin?next="), d.getCurrentUrl());
    }

    /**
     * Finds and uses an element again when a re-render (live validation inserts messages) replaced
     * it in between.
     */
    private void fresh(String css, java.util.function.Consumer<WebElement> use) {
        for (int i = 0; ; i++) {
            try {
                use.accept(e2e.find(css));
                return;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (i == 4) {
                    throw e;
                }
            }
        }
    }

    @Test
    void withJavaScriptTheSameFormValidatesOverTheSocket() {
        e2e.open("/signup");
        fresh("input[name='name']", e -> e.sendKeys("Grace"));
        fresh("input[name='email']", e -> e.sendKeys("grace@"));
        e2e.waitText("#email-error", "That does not look like an e-mail address.");
        fresh("input[name='password']", e -> e.sendKeys("long enough"));
        fresh("button[name='signUp']", WebElement::click);
        e2e.waitFor(
                "the submit's answer",
                d -> e2e.frames.count("/signup", FrameLog.answer("signUp")) == 1);
        assertEquals("That does not look like an e-mail address.", e2e.text("#email-error"));
        assertEquals("/signup", e2e.js("return location.pathname"));

        assertTrue(e2e.signUp.openConnections() > 0, "it goes over the WebSocket");

        fresh("input[name='email']", WebElement::clear);
        fresh("input[name='email']", e -> e.sendKeys("grace@example.com"));
        e2e.waitFor("the error to go", d -> e2e.text("#email-error") == null);
        // the update after the errors replaced the password input (its statics have no value)
        fresh("input[name='password']", WebElement::clear);
        fresh("input[name='password']", e -> e.sendKeys("long enough"));
        fresh("button[name='signUp']", WebElement::click);

        // the action's redirect reaches the browser over the WebSocket: it lands on /signin
        e2e.waitFor(
                "the redirect to the sign-in page",
                x -> "Your account is ready: sign in.".equals(e2e.text("#notice")));
        assertEquals("/signin", e2e.js("return location.pathname"));
        assertTrue(e2e.accounts.exists("grace@example.com"));
        assertTrue(
                e2e
                        .frames
                        .of(
                                "/signup",
                                FrameLog.ws(
                                        io.github.livetemplate.runtime.FrameListener.Direction
                                                .SENT))
                        .stream()
                        .anyMatch(f -> f.text().contains("http-equiv=\\\"refresh\\\"")),
                "the redirect went as an update over the socket");
    }

    @Test
    void typingAnInvalidAddressShowsTheErrorWithoutASubmit() {
        e2e.open("/signup");
        // the first tree turned the client's change auto-wiring on
        assertTrue(
                FrameLog.json(
                                e2e.frames
                                        .of(
                                                "/signup",
                                                FrameLog.ws(
                                                        io.github.livetemplate.runtime.FrameListener
                                                                .Direction.SENT))
                                        .get(0))
                        .get("meta")
                        .get("capabilities")
                        .toString()
                        .equals("[\"change\"]"));

        e2e.find("input[name='email']").sendKeys("ada@");
        e2e.waitText("#email-error", "That does not look like an e-mail address.");
        e2e.find("input[name='email']").sendKeys("example.com");
        e2e.waitFor("the error to go", d -> e2e.text("#email-error") == null);

        assertEquals(
                0, e2e.frames.count("/signup", FrameLog.action("signUp")), "nothing was submitted");
        assertTrue(
                e2e.frames.count("/signup", FrameLog.action("change")) >= 2,
                "the client sent change messages as the user typed");
        assertEquals(
                "ada@example.com",
                e2e.js("return document.querySelector('[name=email]').value"),
                "what the user typed stays");
    }

    @Test
    void aFormPostedFromAnotherOriginIsRefusedAndRunsNothing() {
        // given a page on a second loopback server (another port: another origin) that posts a
        // complete sign-up form to the example, as a cross-site attack would
        String target = e2e.base + "/signup";
        String attack =
                "<!DOCTYPE html><html><body><form id=\"f\" method=\"post\" action=\""
                        + target
                        + "\"><input name=\"name\" value=\"Mallory\">"
                        + "<input name=\"email\" value=\"mallory@example.com\">"
                        + "<input name=\"password\" value=\"password123\">"
                        + "<input name=\"lvt-csrf\" value=\"forged\">"
                        + "<button name=\"signUp\">go</button></form></body></html>";
        Undertow evil =
                Main.start(
                        "127.0.0.1",
                        0,
                        Handlers.path()
                                .addExactPath(
                                        "/",
                                        ex -> {
                                            ex.getResponseHeaders()
                                                    .put(Headers.CONTENT_TYPE, "text/html");
                                            ex.getResponseSender().send(attack);
                                        }));
        try {
            // the victim has a session on the example
            e2e.open("/signup");
            long refusedBefore = e2e.signUp.refusedRequests();
            e2e.driver.get("http://127.0.0.1:" + Main.port(evil) + "/");
            e2e.find("button[name='signUp']").click();

            new WebDriverWait(e2e.driver, Duration.ofSeconds(5))
                    .withMessage("the refusal")
                    .until(x -> x.getCurrentUrl().startsWith(target));
            assertTrue(
                    e2e.driver.getPageSource().contains("cross-origin request refused"),
                    e2e.driver.getPageSource());
            assertFalse(e2e.accounts.exists("mallory@example.com"), "nothing ran");
            assertEquals(refusedBefore + 1, e2e.signUp.refusedRequests());
        } finally {
            evil.stop();
        }
    }
}
