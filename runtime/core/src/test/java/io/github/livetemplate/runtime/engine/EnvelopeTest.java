package io.github.livetemplate.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.livetemplate.runtime.Utf8Buffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

    @Test
    void parsesTheClientsMessages() throws Exception {
        Inbound a =
                Inbound.parse(
                        "{\"action\":\"add\",\"data\":{\"text\":\"Read\",\"id\":42,"
                                + "\"tags\":[\"a\"]},\"submitter\":\"add\"}");
        assertEquals("add", a.action());
        assertEquals("add", a.submitter());
        assertEquals(42, a.data().get("id"));
        assertEquals(java.util.List.of("a"), a.data().get("tags"));
        Inbound ping = Inbound.parse("{\"action\":\"__ping__\"}");
        assertEquals(Map.of(), ping.data());
        assertEquals("", ping.submitter());
        assertEquals("save", Inbound.parse("{\"action\":\"\",\"submitter\":\"save\"}").action());
        assertEquals("inc", Inbound.parse("{\"action\":\"inc\",\"data\":null}").action());
        byte[] bytes = "xx{\"action\":\"b\"}yy".getBytes();
        assertEquals("b", Inbound.parse(bytes, 2, bytes.length - 4).action());
    }

    @Test
    void navigateDataAsQuery() throws Exception {
        Inbound n =
                Inbound.parse(
                        "{\"action\":\"__navigate__\",\"data\":{\"tab\":2,\"q\":\"x\","
                                + "\"f\":true,\"d\":1.5}}");
        assertEquals(Map.of("tab", "2", "q", "x", "f", "true", "d", "1.5"), n.dataAsQuery());
    }

    @Test
    void rejectsWhatItCannotUse() {
        assertThrows(Inbound.MalformedException.class, () -> Inbound.parse("{"));
        assertThrows(Inbound.MalformedException.class, () -> Inbound.parse(""));
        assertThrows(Inbound.MalformedException.class, () -> Inbound.parse("\"x\""));
        assertThrows(Inbound.MalformedException.class, () -> Inbound.parse("{\"action\":[1]}"));
        assertThrows(
                Inbound.MalformedException.class,
                () -> Inbound.parse("{\"action\":\"a\",\"data\":1}"));
        assertThrows(Inbound.MalformedException.class, () -> Inbound.parse("{}"));
    }

    @Test
    void writesEnvelopesAroundTreeBytes() {
        Utf8Buffer out = new Utf8Buffer();
        Outbound.beginUpdate(out);
        out.writeAscii("{\"0\":\"1\"}");
        Outbound.endUpdate(out, Map.of(), "increment");
        assertEquals(
                "{\"tree\":{\"0\":\"1\"},\"meta\":{\"success\":true,\"errors\":{},\"action\":\"increment\"}}",
                out.toString());

        out.reset();
        Outbound.beginUpdate(out);
        out.writeAscii("{}");
        Outbound.endUpdate(out, Map.of(), null);
        assertEquals("{\"tree\":{},\"meta\":{\"success\":true,\"errors\":{}}}", out.toString());

        out.reset();
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("title", "say \"hi\"");
        errors.put("_error", "ünï\n");
        Outbound.failure(out, errors, "save");
        assertEquals(
                "{\"tree\":{},\"meta\":{\"success\":false,\"errors\":{\"title\":\"say \\\"hi\\\"\","
                        + "\"_error\":\"ünï\\n\"},\"action\":\"save\"}}",
                out.toString());
        assertEquals("{\"pong\":true}", new String(Outbound.PONG));
    }
}
