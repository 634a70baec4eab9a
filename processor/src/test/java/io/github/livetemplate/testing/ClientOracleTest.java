package io.github.livetemplate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Proves the oracle harness with the verified tree and update examples of docs/protocol.md. */
class ClientOracleTest {

    private static ClientOracle oracle;

    @BeforeAll
    static void startOracle() {
        oracle = ClientOracle.start();
    }

    @AfterAll
    static void stopOracle() {
        if (oracle != null) {
            oracle.close();
        }
    }

    @BeforeEach
    void reset() {
        oracle.reset();
    }

    private static final String COUNTER_TAIL =
            "</h1><form method=\"POST\"><button name=\"increment\">+1</button>"
                    + "<button name=\"decrement\">-1</button></form></main>";

    @Test
    void counterFirstTreeAndUpdate() {
        String first =
                "{\"s\":[\"<main><h1>Counter: \",\"</h1><form method=\\\"POST\\\"><button"
                        + " name=\\\"increment\\\">+1</button><button"
                        + " name=\\\"decrement\\\">-1</button></form></main>\"],\"0\":\"0\"}";
        assertEquals("<main><h1>Counter: 0" + COUNTER_TAIL, oracle.apply(first));
        assertEquals("<main><h1>Counter: 1" + COUNTER_TAIL, oracle.apply("{\"0\":\"1\"}"));
        assertEquals("<main><h1>Counter: -1" + COUNTER_TAIL, oracle.apply("{\"0\":\"-1\"}"));

        ClientOracle.Result unchanged = oracle.applyResult("{}");
        assertEquals("<main><h1>Counter: -1" + COUNTER_TAIL, unchanged.html());
        assertFalse(unchanged.changed());
        assertTrue(unchanged.errors().isEmpty());
    }

    private static final String ITEM_STATICS =
            "[\"<li data-key=\\\"\",\"\\\" class=\\\"\",\"\\\"><span>\",\"</span><button type=\\\"button\\\""
                    + " lvt-on:click=\\\"toggle\\\" data-id=\\\"\",\"\\\">toggle</button><button"
                    + " name=\\\"delete\\\" value=\\\"\",\"\\\">x</button></li>\"]";

    private static String item(String key, String cls, String text) {
        return "<li data-key=\""
                + key
                + "\" class=\""
                + cls
                + "\"><span>"
                + text
                + "</span><button type=\"button\" lvt-on:click=\"toggle\" data-id=\""
                + key
                + "\">toggle</button><button name=\"delete\" value=\""
                + key
                + "\">x</button></li>";
    }

    private static String todos(String count, String... items) {
        return "<p>Todos: " + count + "</p><ul>" + String.join("", items) + "</ul>";
    }

    @Test
    void todoSequenceWithRangeOps() {
        String first =
                "{\"s\":[\"<p>Todos: \",\"</p>\",\"<ul>\",\"</ul>\"],\"0\":\"2\",\"1\":\"\","
                        + "\"2\":{\"s\":"
                        + ITEM_STATICS
                        + ",\"d\":["
                        + "{\"_k\":\"t1\",\"0\":\"t1\",\"1\":\"\",\"2\":\"Buy milk\",\"3\":\"t1\",\"4\":\"t1\"},"
                        + "{\"_k\":\"t2\",\"0\":\"t2\",\"1\":\"\",\"2\":\"Walk dog\",\"3\":\"t2\",\"4\":\"t2\"}]}}";
        assertEquals(
                todos("2", item("t1", "", "Buy milk"), item("t2", "", "Walk dog")),
                oracle.apply(first));

        // The four verified updates (docs/protocol.md, "Updates"), meta stripped.
        assertEquals(
                todos(
                        "3",
                        item("t1", "", "Buy milk"),
                        item("t2", "", "Walk dog"),
                        item("t3", "", "Read book")),
                oracle.apply(
                        "{\"0\":\"3\",\"1\":\"\",\"2\":[[\"a\",[{\"_k\":\"t3\",\"0\":\"t3\",\"1\":\"\","
                                + "\"2\":\"Read book\",\"3\":\"t3\",\"4\":\"t3\"}]]]}"));
        assertEquals(
                todos(
                        "3",
                        item("t1", "done", "Buy milk"),
                        item("t2", "", "Walk dog"),
                        item("t3", "", "Read book")),
                oracle.apply("{\"2\":[[\"u\",\"t1\",{\"1\":\"done\"}]]}"));
        assertEquals(
                todos("2", item("t1", "done", "Buy milk"), item("t3", "", "Read book")),
                oracle.apply("{\"0\":\"2\",\"2\":[[\"r\",\"t2\"]]}"));
        assertEquals(
                todos(
                        "2",
                        item("t3", "", "Read book"),
                        item("t5", "", "Second"),
                        item("t1", "done", "Buy milk"),
                        item("t0", "", "First")),
                oracle.apply(
                        "{\"2\":[[\"p\",[{\"_k\":\"t0\",\"0\":\"t0\",\"1\":\"\",\"2\":\"First\",\"3\":\"t0\","
                                + "\"4\":\"t0\"}]],[\"i\",\"t0\",{\"_k\":\"t5\",\"0\":\"t5\",\"1\":\"\","
                                + "\"2\":\"Second\",\"3\":\"t5\",\"4\":\"t5\"}],[\"o\",[\"t3\",\"t5\",\"t1\",\"t0\"]]]}"));

        // Reset forgets everything: an update without statics now renders without them.
        oracle.reset();
        assertEquals("", oracle.apply("{}"));
    }

    @Test
    void conditionalSlotTransitions() {
        String root = "{\"s\":[\"<p>\",\"</p>\",\"<footer>x</footer>\"],\"0\":\"hi\",\"1\":\"\"}";
        assertEquals("<p>hi</p><footer>x</footer>", oracle.apply(root));
        assertEquals(
                "<p>hi</p><div class=\"err\">Title is required</div><footer>x</footer>",
                oracle.apply(
                        "{\"1\":{\"s\":[\"<div class=\\\"err\\\">\",\"</div>\"],\"0\":\"Title is required\"}}"));
        assertEquals(
                "<p>hi</p><div class=\"err\">Too short</div><footer>x</footer>",
                oracle.apply("{\"1\":{\"0\":\"Too short\"}}"));
        assertEquals("<p>hi</p><footer>x</footer>", oracle.apply("{\"1\":\"\"}"));
    }

    @Test
    void unicodeSurvivesTheRoundTrip() {
        assertEquals(
                "<p>é 漢字 😀\n\t&amp;</p>",
                oracle.apply("{\"s\":[\"<p>\",\"</p>\"],\"0\":\"é 漢字 😀\\n\\t&amp;\"}"));
    }

    @Test
    void invalidJsonIsAClearFailure() {
        AssertionError e = assertThrows(AssertionError.class, () -> oracle.apply("{\"0\":"));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        AssertionError dup =
                assertThrows(AssertionError.class, () -> oracle.apply("{\"0\":\"a\",\"0\":\"b\"}"));
        assertTrue(dup.getMessage().contains("not valid JSON"), dup.getMessage());
        // The oracle is still usable afterwards.
        assertEquals("<i>ok</i>", oracle.apply("{\"s\":[\"<i>\",\"</i>\"],\"0\":\"ok\"}"));
    }
}
