package io.github.livetemplate.examples.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.examples.account.SignIns;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WindowType;

/**
 * Signing in and out of the example's account page in Chromium with JavaScript on: the sign-in form
 * posts natively ({@code lvt-form:no-intercept}, it sets a cookie), the account page is refused to
 * anonymous visitors, signing out closes the user's other tabs' sockets.
 */
@ExtendWith(BrowserExtension.class)
@Timeout(90)
class AccountBrowserTest {
    final E2E e2e;

    AccountBrowserTest(E2E e2e) {
        this.e2e = e2e;
    }

    @BeforeEach
    void reset() {
        e2e.reset();
        e2e.accounts.create("lin@example.com", "Lin", "open sesame".toCharArray());
    }

    private void signIn(String password) {
        e2e.driver.get(e2e.base + "/signin");
        e2e.waitReady();
        e2e.find("input[name='email']").sendKeys("lin@example.com");
        e2e.find("input[name='password']").sendKeys(password);
        e2e.find("button[name='signIn']").click();
    }

    @Test
    void aWrongPasswordIsRefusedTheRightOneOpensTheAccount() {
        signIn("not it");
        e2e.waitText("#password-error", "That e-mail address and password do not match.");
        e2e.waitReady();
        // the page's WebSocket connected after the re-rendered page and kept what it showed
        assertEquals("That e-mail address and password do not match.", e2e.text("#password-error"));
        assertEquals(
                "lin@example.com", e2e.js("return document.querySelector('[name=email]').value"));
        assertEquals("/signin", e2e.js("return location.pathname"));
        assertEquals(null, e2e.driver.manage().getCookieNamed(SignIns.COOKIE));

        e2e.find("input[name='password']").sendKeys("open sesame");
        e2e.find("button[name='signIn']").click();
        e2e.waitFor("the account page", d -> "Lin".equals(e2e.text("#name")));
        assertEquals("/account", e2e.js("return location.pathname"));
        e2e.waitReady();
        e2e.find("button[name='check']").click();
        e2e.waitText("#checks", "1");
    }

    @Test
    void theAccountPageIsRefusedWithoutASignIn() throws Exception {
        e2e.driver.get(e2e.base + "/account");
        e2e.waitFor("the sign-in page", d -> d.getCurrentUrl().contains("/signin?next="));
        assertEquals(e2e.base + "/signin?next=%2Faccount", e2e.driver.getCurrentUrl());

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> post =
                http.send(
                        HttpRequest.newBuilder(URI.create(e2e.base + "/account"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"check\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(401, post.statusCode());
        assertEquals(
                "LiveTemplate realm=\"sign-in\"",
                post.headers().firstValue("WWW-Authenticate").orElse(null));
        try {
            http.newWebSocketBuilder()
                    .buildAsync(
                            URI.create(e2e.base.replace("http:", "ws:") + "/account"),
                            new WebSocket.Listener() {})
                    .join();
            throw new AssertionError("the upgrade succeeded");
        } catch (CompletionException e) {
            assertEquals(
                    401, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
        }
    }

    @Test
    void signingOutClosesTheSocketOfTheUsersOtherTab() {
        signIn("open sesame");
        e2e.waitFor("the account page", d -> "Lin".equals(e2e.text("#name")));
        e2e.waitReady();
        String first = e2e.driver.getWindowHandle();
        e2e.driver.switchTo().newWindow(WindowType.TAB);
        e2e.open("/account");
        String second = e2e.driver.getWindowHandle();
        e2e.waitServer("both tabs connected", () -> e2e.account.openConnections() == 2);

        e2e.driver.switchTo().window(first);
        e2e.find("button[name='signOut']").click();
        e2e.waitFor("signed out", d -> "You are signed out.".equals(e2e.text("#notice")));

        e2e.waitServer("the other tab's socket closed", () -> e2e.account.openConnections() == 0);
        e2e.driver.switchTo().window(second);
        e2e.waitFor(
                "the second tab to see the close",
                d -> Boolean.FALSE.equals(e2e.js("return window.liveTemplateClient.isReady()")));
        List<String> handles = List.copyOf(e2e.driver.getWindowHandles());
        assertEquals(2, handles.size());
    }

    @Test
    void aSignInEndedElsewhereSendsTheTabToTheSignInPageOverTheSocket() throws Exception {
        signIn("open sesame");
        e2e.waitFor("the account page", d -> "Lin".equals(e2e.text("#name")));
        e2e.waitReady();
        var cookie = e2e.driver.manage().getCookieNamed(SignIns.COOKIE);
        assertNotNull(cookie);
        assertTrue(cookie.isHttpOnly(), "the sign-in cookie is HttpOnly");

        e2e.signIns.end(cookie.getValue()); // e.g. revoked by an administrator
        e2e.find("button[name='check']").click(); // over the open WebSocket

        e2e.waitFor(
                "the redirect to the sign-in page",
                d -> "You are signed out.".equals(e2e.text("#notice")));
        assertEquals("/signin", e2e.js("return location.pathname"));
    }
}
