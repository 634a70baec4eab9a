package io.github.livetemplate.examples.e2e;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One browser window showing the chat example, in the shared Chromium of {@link E2E}. Every method
 * first switches the driver to this window; every wait is bounded.
 */
final class ChatPage {
    private final E2E e2e;
    private final String window;

    private ChatPage(E2E e2e, String window) {
        this.e2e = e2e;
        this.window = window;
    }

    /**
     * Opens {@code url} in the current window (the first page) or, when {@code newWindow}, in a new
     * one.
     */
    static ChatPage open(E2E e2e, String url, boolean newWindow) {
        if (newWindow) {
            e2e.driver.switchTo().newWindow(WindowType.WINDOW);
        }
        ChatPage page = new ChatPage(e2e, e2e.driver.getWindowHandle());
        e2e.driver.get(url);
        e2e.waitReady();
        return page;
    }

    ChatPage focus() {
        e2e.driver.switchTo().window(window);
        return this;
    }

    /** Types {@code text} and clicks Send. */
    void send(String text) {
        focus();
        WebElement input = e2e.find("input[name='text']");
        input.clear();
        input.sendKeys(text);
        e2e.find("button[name='send']").click();
    }

    /** Sends {@code text} and waits until this page shows it. */
    void say(String text) {
        send(text);
        waitMessage(text);
    }

    /** The texts of the messages shown, in order. */
    @SuppressWarnings("unchecked")
    List<String> messages() {
        focus();
        return (List<String>)
                e2e.js(
                        "return Array.from(document.querySelectorAll("
                                + "'#messages li[data-key] .text')).map(e => e.textContent);");
    }

    /** Whether every row has a distinct non-empty data-key. */
    boolean keyed() {
        focus();
        return Boolean.TRUE.equals(
                e2e.js(
                        "const k = Array.from(document.querySelectorAll("
                                + "'#messages li[data-key]')).map(e => e.dataset.key);"
                                + " return k.every(x => x) && new Set(k).size === k.length;"));
    }

    void waitMessage(String text) {
        waitMessage(text, E2E.WAIT);
    }

    /** Waits (at most {@code timeout}) until the list shows {@code text}; whether it did. */
    boolean showsWithin(String text, Duration timeout) {
        try {
            waitMessage(text, timeout);
            return true;
        } catch (org.openqa.selenium.TimeoutException e) {
            return false;
        }
    }

    private void waitMessage(String text, Duration timeout) {
        focus();
        new WebDriverWait(e2e.driver, timeout)
                .pollingEvery(Duration.ofMillis(50))
                .withMessage("message \"" + text + "\" (shown: " + messages() + ")")
                .until(d -> messages().contains(text));
    }

    /** Waits until the presence line reads {@code n online}. */
    void waitOnline(int n) {
        focus();
        e2e.waitText("#online", n + " online");
    }

    String text(String css) {
        focus();
        return e2e.text(css);
    }

    void waitText(String css, String expected) {
        focus();
        e2e.waitText(css, expected);
    }

    void click(String css) {
        focus();
        e2e.find(css).click();
    }

    String inputValue() {
        focus();
        return (String) e2e.js("return document.querySelector(\"input[name='text']\").value");
    }

    boolean ready() {
        focus();
        return Boolean.TRUE.equals(
                e2e.js(
                        "return !!(window.liveTemplateClient && window.liveTemplateClient.isReady())"));
    }
}
