package io.github.livetemplate.examples.e2e;

import static io.github.livetemplate.examples.e2e.FrameLog.action;
import static io.github.livetemplate.examples.e2e.FrameLog.answer;
import static io.github.livetemplate.examples.e2e.FrameLog.hasStatics;
import static io.github.livetemplate.examples.e2e.FrameLog.json;
import static io.github.livetemplate.examples.e2e.FrameLog.rangeOps;
import static io.github.livetemplate.examples.e2e.FrameLog.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.livetemplate.runtime.FrameListener.Direction;
import io.github.livetemplate.runtime.FrameListener.Frame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

/**
 * The to-do example in headless Chromium: what the user sees after each action, and what travelled
 * over the socket (from the server's {@link FrameLog}).
 */
@ExtendWith(BrowserExtension.class)
@Timeout(60)
class TodoBrowserTest {
    final E2E e2e;

    TodoBrowserTest(E2E e2e) {
        this.e2e = e2e;
    }

    @BeforeEach
    void reset() {
        e2e.reset();
    }

    // ------------------------------------------------------------------ page helpers

    /** Types {@code text} into the new-item input and clicks Add. */
    private void submit(String text) {
        WebElement input = e2e.find("input[name='text']");
        input.clear();
        input.sendKeys(text);
        e2e.find("button[name='add']").click();
    }

    /** Adds an item and waits until its row is shown. */
    private void add(String text) {
        List<String> expected = new ArrayList<>(rows());
        expected.add(text);
        submit(text);
        waitRows(expected);
    }

    /** The texts of the rows shown, in order. */
    @SuppressWarnings("unchecked")
    private List<String> rows() {
        return (List<String>)
                e2e.js(
                        "return Array.from(document.querySelectorAll("
                                + "'#todo-list li[data-key] .text')).map(e => e.textContent);");
    }

    private void waitRows(List<String> expected) {
        e2e.waitFor("rows " + expected + " (shown: " + rows() + ")", d -> expected.equals(rows()));
    }

    /** The {@code data-key} (item id) of the row showing {@code text}. */
    private String key(String text) {
        Object k =
                e2e.js(
                        "for (const li of document.querySelectorAll('#todo-list li[data-key]')) {"
                                + " if (li.querySelector('.text').textContent === arguments[0]) return li.dataset.key; }"
                                + " return null;",
                        text);
        assertTrue(k != null, "no row " + text);
        return k.toString();
    }

    private String rowClass(String text) {
        return e2e.js(
                        "return document.querySelector(\"#todo-list li[data-key='\" + arguments[0]"
                                + " + \"']\").className",
                        key(text))
                .toString();
    }

    private void toggle(String text) {
        e2e.find("#todo-list li[data-key='" + key(text) + "'] input[type='checkbox']").click();
    }

    private void waitDone(String text, boolean done) {
        e2e.waitFor(
                text + (done ? " done" : " not done"),
                d -> {
                    String k = key(text);
                    return Boolean.valueOf(done)
                            .equals(
                                    e2e.js(
                                            "const li = document.querySelector("
                                                    + "\"#todo-list li[data-key='\" + arguments[0] + \"']\");"
                                                    + " return li.classList.contains('done') && li.querySelector('input').checked",
                                            k));
                });
    }

    private String inputValue() {
        return (String) e2e.js("return document.querySelector(\"input[name='text']\").value");
    }

    private String currentUrl() {
        return e2e.driver.getCurrentUrl();
    }

    // ------------------------------------------------------------------ tests

    @Test
    void addShowsTheItemClearsTheInputAndCounts() {
        e2e.open("/");
        e2e.waitText("#todo-list", "Nothing to do yet.");
        e2e.waitText("#todo-count", "0 items left");

        add("Buy milk");
        assertEquals("", inputValue(), "the client resets the form after a successful add");
        e2e.waitText("#todo-count", "1 item left");
        add("Walk the dog");
        e2e.waitText("#todo-count", "2 items left");
        assertNull(e2e.text("#todo-list li.empty"), "the empty message is gone");

        // The message the form sent (docs/protocol.md §4.2–§4.3) and the answer: the new row as an
        // append op.
        List<Frame> sent = e2e.frames.of("/", ws(Direction.RECEIVED).and(action("add")));
        assertEquals(
                "{\"action\":\"add\",\"data\":{\"text\":\"Buy milk\"},\"submitter\":\"add\"}",
                FrameLog.withoutFormFields(sent.get(0).text()));
        assertTrue(
                sent.get(0).text().contains("\"lvt-csrf\":"),
                "the form's CSRF field travels with it: " + sent.get(0).text());
        List<Frame> answers = e2e.frames.of("/", ws(Direction.SENT).and(answer("add")));
        assertEquals(2, answers.size());
        JsonNode second = json(answers.get(1));
        assertFalse(hasStatics(second.get("tree")), "no statics: " + second);
        List<JsonNode> ops = rangeOps(second.get("tree"));
        assertEquals(1, ops.size(), second.toString());
        assertEquals("a", ops.get(0).get(0).asText(), second.toString());
        assertEquals(key("Walk the dog"), ops.get(0).get(1).get(0).get("_k").asText());
    }

    @Test
    void validationErrorKeepsTheTypedTextAndShowsTheMessage() {
        e2e.open("/");
        String tooLong = "x".repeat(101);
        submit(tooLong);
        e2e.waitText("#text-error", "That is too long: at most 100 characters.");
        assertEquals(tooLong, inputValue(), "the typed text stays");
        assertEquals(List.of(), rows());
        JsonNode refused = json(e2e.frames.of("/", answer("add")).get(0));
        assertFalse(refused.get("meta").get("success").asBoolean());
        assertEquals(
                "That is too long: at most 100 characters.",
                refused.get("meta").get("errors").get("text").asText());

        submit("   ");
        e2e.waitText("#text-error", "Please type what needs doing.");
        assertEquals("   ", inputValue());

        add("Short enough");
        e2e.waitFor("the error to disappear", d -> e2e.text("#text-error") == null);
        assertEquals("", inputValue());
        JsonNode ok = json(e2e.frames.of("/", answer("add")).get(2));
        assertTrue(ok.get("meta").get("success").asBoolean());
        assertEquals(0, ok.get("meta").get("errors").size());
    }

    @Test
    void toggleMarksTheRowAndSendsOnlyThatRowsUpdate() {
        e2e.open("/");
        add("A");
        add("B");
        add("C");
        toggle("C");
        waitDone("C", true);
        e2e.waitText("button[name='clear-done']", "Clear completed (1)");
        e2e.waitText("#todo-count", "2 items left");

        int before = e2e.frames.of("/", answer("toggle")).size();
        toggle("A");
        waitDone("A", true);
        assertTrue(rowClass("A").contains("done"));
        e2e.waitText("#todo-count", "1 item left");
        e2e.waitText("button[name='clear-done']", "Clear completed (2)");
        assertFalse(rowClass("B").contains("done"));

        // The toggle's message carries the row's data-id; the answer changes that row only.
        Frame msg = e2e.frames.of("/", ws(Direction.RECEIVED).and(action("toggle"))).get(1);
        assertEquals("{\"action\":\"toggle\",\"data\":{\"id\":\"" + key("A") + "\"}}", msg.text());
        List<Frame> answers = e2e.frames.of("/", ws(Direction.SENT).and(answer("toggle")));
        assertEquals(before + 1, answers.size());
        JsonNode update = json(answers.get(before));
        assertFalse(hasStatics(update.get("tree")), "an update carries no statics: " + update);
        List<JsonNode> ops = rangeOps(update.get("tree"));
        assertEquals(1, ops.size(), "one range op: " + update);
        assertEquals("u", ops.get(0).get(0).asText(), update.toString());
        assertEquals(key("A"), ops.get(0).get(1).asText(), update.toString());

        toggle("A");
        waitDone("A", false);
        e2e.waitText("#todo-count", "2 items left");
    }

    @Test
    void deleteAndClearCompletedRemoveRows() {
        e2e.open("/");
        add("A");
        add("B");
        add("C");
        String keyA = key("A");
        e2e.find("#todo-list li[data-key='" + keyA + "'] button[name='delete']").click();
        waitRows(List.of("B", "C"));
        e2e.waitText("#todo-count", "2 items left");
        assertEquals(
                "{\"action\":\"delete\",\"data\":{\"value\":\"" + keyA + "\"}}",
                e2e.frames.of("/", action("delete")).get(0).text());
        List<JsonNode> ops =
                rangeOps(json(e2e.frames.of("/", answer("delete")).get(0)).get("tree"));
        assertEquals(1, ops.size());
        assertEquals("[\"r\",\"" + keyA + "\"]", ops.get(0).toString());

        toggle("C");
        waitDone("C", true);
        e2e.find("button[name='clear-done']").click();
        waitRows(List.of("B"));
        e2e.waitFor("the clear button to go", d -> e2e.text("button[name='clear-done']") == null);
        e2e.waitText("#todo-count", "1 item left");

        e2e.find("#todo-list li[data-key] button[name='delete']").click();
        waitRows(List.of());
        e2e.waitText("#todo-list", "Nothing to do yet.");
    }

    @Test
    void filterLinksNavigateOverTheSocketWithoutReloading() {
        e2e.open("/");
        add("Active one");
        add("Done one");
        toggle("Done one");
        waitDone("Done one", true);
        e2e.js("window.__sameDocument = true;");

        e2e.find("a[href='?filter=active']").click();
        e2e.waitFor("the URL to change", d -> currentUrl().endsWith("/?filter=active"));
        waitRows(List.of("Active one"));
        e2e.waitText("a.selected", "Active");
        e2e.waitText("#todo-count", "1 item left");

        e2e.find("a[href='?filter=completed']").click();
        e2e.waitFor("the URL to change", d -> currentUrl().endsWith("/?filter=completed"));
        waitRows(List.of("Done one"));
        e2e.waitText("a.selected", "Completed");

        // Under a filter, an item that stops matching leaves the list.
        toggle("Done one");
        waitRows(List.of());
        e2e.waitText("#todo-list", "No completed items.");

        e2e.find("a[href='?filter=all']").click();
        e2e.waitFor("the URL to change", d -> currentUrl().endsWith("/?filter=all"));
        waitRows(List.of("Active one", "Done one"));
        e2e.waitText("a.selected", "All");

        assertEquals(
                Boolean.TRUE,
                e2e.js("return window.__sameDocument === true"),
                "no page load: the links were handled by the client");
        List<String> navigations =
                e2e.frames.of("/", ws(Direction.RECEIVED).and(action("__navigate__"))).stream()
                        .map(Frame::text)
                        .toList();
        assertEquals(
                List.of(
                        "{\"action\":\"__navigate__\",\"data\":{\"filter\":\"active\"}}",
                        "{\"action\":\"__navigate__\",\"data\":{\"filter\":\"completed\"}}",
                        "{\"action\":\"__navigate__\",\"data\":{\"filter\":\"all\"}}"),
                navigations);
        assertEquals(3, e2e.frames.count("/", ws(Direction.SENT).and(answer("__navigate__"))));

        // A page load with the query mounts with the filter too ("Done one" is active again).
        e2e.open("/?filter=completed");
        waitRows(List.of());
        e2e.waitText("#todo-list", "No completed items.");
        e2e.waitText("a.selected", "Completed");
    }

    @Test
    void twoWindowsShareTheSessionsListAndWorkIndependently() {
        e2e.open("/");
        add("From window 1");
        String first = e2e.driver.getWindowHandle();

        e2e.driver.switchTo().newWindow(WindowType.WINDOW);
        String second = e2e.driver.getWindowHandle();
        e2e.open("/");
        waitRows(List.of("From window 1"));
        add("From window 2");
        toggle("From window 1");
        waitDone("From window 1", true);
        assertEquals(2, e2e.todos.openConnections(), "each window has its own socket");

        // Window 1 has its own state: it shows what it had until it acts or reloads.
        e2e.driver.switchTo().window(first);
        e2e.waitReady();
        waitRows(List.of("From window 1"));
        submit("Also from window 1");
        // Its action returned a fresh snapshot of the session's list, window 2's changes included.
        waitRows(List.of("From window 1", "From window 2", "Also from window 1"));
        waitDone("From window 1", true);

        e2e.driver.switchTo().window(second);
        e2e.waitReady();
        waitRows(List.of("From window 1", "From window 2"));
        e2e.driver.navigate().refresh();
        e2e.waitReady();
        waitRows(List.of("From window 1", "From window 2", "Also from window 1"));
        e2e.waitText("#todo-count", "2 items left");
    }
}
