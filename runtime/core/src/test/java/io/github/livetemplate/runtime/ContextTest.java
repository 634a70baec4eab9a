package io.github.livetemplate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContextTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A context whose data is {@code json} read as the engine reads a client message's data. */
    static Context ctx(String json) throws Exception {
        Map<String, Object> data =
                JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
        return Context.builder("a")
                .submitter("")
                .groupId("g")
                .query(Map.of("tab", "2"))
                .data(Collections.unmodifiableMap(data))
                .build();
    }

    @Test
    void identity() throws Exception {
        Context c =
                Context.builder("save")
                        .submitter("btn")
                        .userId(null)
                        .groupId("grp")
                        .http(true)
                        .build();
        assertEquals("save", c.action());
        assertEquals("btn", c.submitter());
        assertEquals("", c.userId());
        assertEquals("grp", c.groupId());
        assertTrue(c.isHttp());
        assertEquals(Map.of(), c.query());
        assertEquals(Map.of(), c.data());
        assertEquals(Map.of("tab", "2"), ctx("{}").query());
    }

    @Test
    void strings() throws Exception {
        Context c =
                ctx(
                        "{\"s\":\"x\",\"i\":42,\"d\":3.5,\"big\":12345678901234567890,\"b\":true,"
                                + "\"n\":null,\"l\":[\"a\",\"b\"],\"o\":{\"k\":1},\"whole\":1e3}");
        assertEquals("x", c.getString("s"));
        assertEquals("42", c.getString("i"));
        assertEquals("3.5", c.getString("d"));
        assertEquals("12345678901234567890", c.getString("big"));
        assertEquals("true", c.getString("b"));
        assertEquals("", c.getString("n"));
        assertEquals("", c.getString("missing"));
        assertEquals("a", c.getString("l"));
        assertEquals("", c.getString("o"));
        assertEquals("1000", c.getString("whole"));
        assertTrue(c.has("s"));
        assertFalse(c.has("n"));
        assertFalse(c.has("missing"));
    }

    @Test
    void numbers() throws Exception {
        Context c =
                ctx(
                        "{\"i\":42,\"s\":\"42\",\"sp\":\" 7 \",\"neg\":\"-3\",\"f\":3.5,\"fs\":\"3.0\","
                                + "\"w\":4.0,\"x\":\"abc\",\"t\":true,\"long\":9007199254740993,\"huge\":\"99999999999\","
                                + "\"e\":\"\",\"lst\":[\"5\"]}");
        assertEquals(42, c.getInt("i"));
        assertEquals(42, c.getInt("s"));
        assertEquals(7, c.getInt("sp"));
        assertEquals(-3, c.getInt("neg"));
        assertEquals(0, c.getInt("f"), "fractional is not an int");
        assertEquals(3, c.getInt("fs"));
        assertEquals(4, c.getInt("w"));
        assertEquals(0, c.getInt("x"));
        assertEquals(0, c.getInt("t"));
        assertEquals(0, c.getInt("missing"));
        assertEquals(0, c.getInt("e"));
        assertEquals(5, c.getInt("lst"));
        assertEquals(0, c.getInt("huge"), "out of int range");
        assertEquals(99999999999L, c.getLong("huge"));
        assertEquals(9007199254740993L, c.getLong("long"));
        assertEquals(3.5, c.getDouble("f"));
        assertEquals(42.0, c.getDouble("s"));
        assertEquals(0.0, c.getDouble("x"));
    }

    @Test
    void booleans() throws Exception {
        Context c =
                ctx(
                        "{\"t\":true,\"f\":false,\"st\":\"true\",\"on\":\"on\",\"one\":\"1\",\"n1\":1,"
                                + "\"n0\":0,\"sf\":\"false\",\"off\":\"off\",\"x\":\"yes please\",\"TRUE\":\"TRUE\","
                                + "\"d\":0.5}");
        assertTrue(c.getBool("t"));
        assertTrue(c.getBool("st"));
        assertTrue(c.getBool("on"));
        assertTrue(c.getBool("one"));
        assertTrue(c.getBool("n1"));
        assertTrue(c.getBool("TRUE"));
        assertTrue(c.getBool("d"));
        assertFalse(c.getBool("f"));
        assertFalse(c.getBool("n0"));
        assertFalse(c.getBool("sf"));
        assertFalse(c.getBool("off"));
        assertFalse(c.getBool("x"));
        assertFalse(c.getBool("missing"));
    }

    @Test
    void stringLists() throws Exception {
        Context c = ctx("{\"tags\":[\"a\",2,true,null],\"one\":\"x\",\"empty\":[]}");
        assertEquals(List.of("a", "2", "true"), c.getStrings("tags"));
        assertEquals(List.of("x"), c.getStrings("one"));
        assertEquals(List.of(), c.getStrings("empty"));
        assertEquals(List.of(), c.getStrings("missing"));
    }

    record Item(
            String id,
            int qty,
            boolean done,
            Boolean maybe,
            long big,
            double price,
            List<String> tags,
            @JsonProperty("user-id") int userId,
            Integer optional) {}

    @Test
    void bindIsTolerantOfTheClientsTyping() throws Exception {
        Item a =
                ctx("{\"id\":42,\"qty\":\"3\",\"done\":\"on\",\"maybe\":\"true\",\"big\":\"123\","
                                + "\"price\":\"2.5\",\"tags\":\"solo\",\"user-id\":5,\"extra\":\"ignored\",\"optional\":\"\"}")
                        .bind(Item.class);
        assertEquals("42", a.id());
        assertEquals(3, a.qty());
        assertTrue(a.done());
        assertEquals(Boolean.TRUE, a.maybe());
        assertEquals(123L, a.big());
        assertEquals(2.5, a.price());
        assertEquals(List.of("solo"), a.tags());
        assertEquals(5, a.userId());
        assertNull(a.optional());

        Item b =
                ctx("{\"id\":\"t1\",\"qty\":7,\"done\":true,\"maybe\":1,\"tags\":[\"a\",\"b\"]}")
                        .bind(Item.class);
        assertEquals("t1", b.id());
        assertEquals(7, b.qty());
        assertTrue(b.done());
        assertTrue(b.maybe());
        assertEquals(List.of("a", "b"), b.tags());

        Item c = ctx("{\"done\":\"1\"}").bind(Item.class);
        assertTrue(c.done());
        assertEquals(0, c.qty(), "missing primitives are zero");
        assertNull(c.id());
        Item d = ctx("{\"done\":false,\"qty\":\"\"}").bind(Item.class);
        assertFalse(d.done());
        assertEquals(0, d.qty());
    }

    @Test
    void bindReportsEveryBadField() throws Exception {
        Context.BindException e =
                assertThrows(
                        Context.BindException.class,
                        () ->
                                ctx("{\"qty\":\"many\",\"done\":\"maybe\",\"price\":\"cheap\",\"id\":\"ok\","
                                                + "\"big\":3.5}")
                                        .bind(Item.class));
        assertEquals("must be a whole number", e.errors().get("qty"));
        assertEquals("must be true or false", e.errors().get("done"));
        assertEquals("must be a number", e.errors().get("price"));
        assertEquals("must be a whole number", e.errors().get("big"));
        assertEquals(4, e.errors().size(), e.errors().toString());
    }

    record Positive(int n) {
        Positive {
            if (n <= 0) {
                throw new IllegalArgumentException("n must be positive");
            }
        }
    }

    @Test
    void bindReportsConstructorFailures() throws Exception {
        assertEquals(3, ctx("{\"n\":3}").bind(Positive.class).n());
        Context.BindException e =
                assertThrows(
                        Context.BindException.class, () -> ctx("{\"n\":0}").bind(Positive.class));
        assertEquals(Map.of("_error", "n must be positive"), e.errors());
    }

    @Test
    void errorsAndFlash() throws Exception {
        Flash before = Flash.of(Map.of("old", "kept", "gone", "x"));
        Context c = Context.builder("a").groupId("g").flash(before).build();
        assertFalse(c.hasErrors());
        assertEquals(FieldErrors.none(), c.errors());
        c.error("title", "required");
        c.error("qty", "too small");
        c.error("title", "still required");
        assertTrue(c.hasErrors());
        assertEquals(List.of("title", "qty"), List.copyOf(c.errors().keySet()));
        assertEquals("still required", c.errors().get("title"));

        c.flash("saved", "Saved");
        c.clearFlash("gone");
        assertEquals(Map.of("old", "kept", "saved", "Saved"), c.flash());
        assertEquals(2, before.size(), "the connection's flash is only replaced by the runtime");
    }
}
