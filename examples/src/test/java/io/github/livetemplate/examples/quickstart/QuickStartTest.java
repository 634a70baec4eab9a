package io.github.livetemplate.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuickStartTest {

    @Test
    void printsHtmlTreeAndDiffs() {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            QuickStart.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String expected =
                String.join(
                        "\n",
                        "== html(before)",
                        "<div data-lvt-id=\"lvt-653ba2a09c6d2903\"><h1>Hello, World!</h1>",
                        "<ul>",
                        "  <li data-key=\"a\" class=\"\">Read the README</li>",
                        "</ul>",
                        "<p>1 left</p>",
                        "</div>",
                        "== tree(before)",
                        "{\"s\":[\"<h1>Hello, \",\"!</h1>\\n<ul>\",\"\",\"\\n</ul>\\n<p>\",\" left</p>\\n\"],"
                                + "\"0\":\"World\","
                                + "\"1\":{\"s\":[\"\",\"\"],\"0\":"
                                + "{\"s\":[\"\\n  <li data-key=\\\"\",\"\\\" class=\\\"\",\"\\\">\",\"</li>\"],"
                                + "\"d\":[{\"_k\":\"a\",\"0\":\"a\",\"1\":\"\",\"2\":\"Read the README\"}]}},"
                                + "\"2\":\"\",\"3\":\"1\"}",
                        "== diff(before, after)",
                        "{\"1\":{\"0\":[[\"u\",\"a\",{\"1\":\"done\"}],"
                                + "[\"a\",[{\"_k\":\"b\",\"0\":\"b\",\"1\":\"\",\"2\":\"Write a template\"},"
                                + "{\"_k\":\"c\",\"0\":\"c\",\"1\":\"\",\"2\":\"Run javac\"}]]]},\"3\":\"2\"}",
                        "== diff(after, equal state)",
                        "{}",
                        "");
        assertEquals(expected, bytes.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }
}
