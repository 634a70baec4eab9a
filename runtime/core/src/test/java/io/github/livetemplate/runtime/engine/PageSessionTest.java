package io.github.livetemplate.runtime.engine;

import static io.github.livetemplate.runtime.engine.EngineFixture.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.livetemplate.runtime.TemplateContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The page engine over an in-memory socket and HTTP sessions: every step of a page session. */
class PageSessionTest {
    private final EngineFixture page = new EngineFixture();

    private static String diff(JsonNode reply) {
        return reply.get("tree").toString();
    }

    private static String meta(JsonNode reply) {
        return reply.get("meta").toString();
    }

    // ------------------------------------------------------------------ WebSocket

    @Test
    void connectMountsRunsOnConnectAndSendsTheFullTreeWithoutAction() {
        EngineFixture.Client c = page.connect("g");

        JsonNode first = c.reply();
        assertEquals(CounterPage.STATICS.size(), first.get("tree").get("s").size());
        assertEquals("0", first.get("tree").get("0").asText());
        assertEquals("{\"success\":true,\"errors\":{}}", meta(first));
        assertEquals(List.of("mount", "onConnect"), CounterPage.lifecycle(page.controller));
    }

    @Test
    void anActionIsAnsweredWithADiffAndEchoesItsName() {
        EngineFixture.Client c = page.connect("g");
        c.frames();

        c.act("add", Map.of("n", 5));

        JsonNode reply = c.reply();
        assertEquals("{\"0\":\"5\"}", diff(reply));
        assertEquals("{\"success\":true,\"errors\":{},\"action\":\"add\"}", meta(reply));
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                // frame, echoed action, the general error
                Arguments.of(
                        "{\"action\":\"boom\"}", "boom", "action \"boom\" failed (internal error)"),
                Arguments.of(
                        "{\"action\":\"reject\"}",
                        "reject",
                        "action \"reject\" failed: n must be positive"),
                Arguments.of(
                        "{\"action\":\"nullstate\"}",
                        "nullstate",
                        "action \"nullstate\" returned no state"),
                Arguments.of("{\"action\":\"nope\"}", "nope", "unknown action \"nope\""),
                Arguments.of(
                        "{\"action\":\"add\",\"data\":[]}",
                        "add",
                        "\"data\" must be a JSON object"),
                Arguments.of("{\"data\":{}}", "", "the message names no action"),
                Arguments.of("[1]", "", "a message must be a JSON object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void aFailedActionAnswersAnEmptyTreeWithTheErrorAndKeepsTheState(
            String frame, String action, String error) {
        // given a client at count 1
        EngineFixture.Client c = page.connect("g");
        c.act("increment");
        c.frames();

        c.send(frame);

        // then the answer changes nothing and names the error
        JsonNode reply = c.reply();
        assertEquals("{}", diff(reply));
        assertFalse(reply.get("meta").get("success").asBoolean());
        assertEquals(error, reply.get("meta").get("errors").get("_error").asText());
        assertEquals(action, reply.get("meta").get("action").asText());
        // and the session goes on from the state it had
        c.act("increment");
        assertEquals("{\"0\":\"2\"}", diff(c.reply()));
        assertFalse(c.socket.closed());
    }

    @Test
    void malformedJsonIsAnsweredNotFatal() {
        EngineFixture.Client c = page.connect("g");
        c.frames();

        c.send("{not json");

        JsonNode reply = c.reply();
        assertTrue(
                reply.get("meta")
                        .get("errors")
                        .get("_error")
                        .asText()
                        .startsWith("malformed JSON message"));
        assertFalse(c.socket.closed());
    }

    @Test
    void fieldErrorsAreRenderedAndReportedWithTheActionsState() {
        EngineFixture.Client c = page.connect("g");
        c.frames();

        c.act("invalid");

        JsonNode reply = c.reply();
        assertEquals("{\"0\":\"100\",\"2\":\"note=required\"}", diff(reply));
        assertEquals(
                "{\"success\":false,\"errors\":{\"note\":\"required\"},\"action\":\"invalid\"}",
                meta(reply));
    }

    @Test
    void theTemplateContextCarriesEachStepsErrorsAndTheFlash() {
        EngineFixture.Client c = page.connect("g");
        c.frames();

        c.act("invalid");
        c.reply();
        c.act("flash", Map.of("msg", "saved!"));
        c.reply();
        c.act("increment");
        c.reply();

        // the first tree had an empty context; the errors last one step, the flash stays
        assertEquals(
                List.of(
                        TemplateContext.empty(),
                        TemplateContext.of(Map.of("note", "required"), Map.of(), false),
                        TemplateContext.of(Map.of(), Map.of("saved", "saved!"), false),
                        TemplateContext.of(Map.of(), Map.of("saved", "saved!"), false)),
                page.renderer.contexts);
    }

    @Test
    void bindingErrorsAreRenderedNextToTheirFieldsAndTheStateStays() {
        EngineFixture.Client c = page.connect("g");
        c.frames();

        c.act("badinput", Map.of("qty", "many"));

        JsonNode reply = c.reply();
        assertFalse(reply.get("meta").get("success").asBoolean());
        assertTrue(reply.get("meta").get("errors").has("qty"), reply.toString());
        assertTrue(reply.get("tree").get("2").asText().startsWith("qty="), reply.toString());
    }

    @Test
    void flashStaysUntilCleared() {
        // given a flash message set by one action
        EngineFixture.Client c = page.connect("g");
        c.frames();
        c.act("flash", Map.of("msg", "hi"));
        assertEquals("{\"3\":\"saved=hi\"}", diff(c.reply()));

        // then the next action keeps it
        c.act("increment");
        assertEquals("{\"0\":\"1\"}", diff(c.reply()));

        // and clearing it removes it
        c.act("unflash");
        assertEquals("{\"3\":\"\"}", diff(c.reply()));
    }

    @Test
    void navigateMountsAgainWithItsDataAsTheQueryKeptForLaterActions() {
        EngineFixture.Client c = page.connect("g");
        c.act("note", Map.of("text", "kept"));
        c.frames();

        c.act(Inbound.NAVIGATE, Map.of("start", 5, "tab", "b"));

        JsonNode reply = c.reply();
        assertEquals("{\"0\":\"5\"}", diff(reply), "mount ran from the current state");
        assertEquals("{\"success\":true,\"errors\":{},\"action\":\"__navigate__\"}", meta(reply));
        c.act("showquery");
        assertEquals("{\"1\":\"{start=5, tab=b}\"}", diff(c.reply()));
    }

    @Test
    void pingIsAnsweredWithPongOnlyOverAWebSocket() {
        EngineFixture.Client c = page.connect("g");
        c.frames();

        c.act(Inbound.PING);

        assertEquals(List.of("{\"pong\":true}"), c.frames());
        assertEquals(List.of("mount", "onConnect"), CounterPage.lifecycle(page.controller));
    }

    @Test
    void aRenderFailureAnswersAnErrorAndKeepsThePreviousState() {
        EngineFixture.Client c = page.connect("g");
        c.frames();

        c.act("note", Map.of("text", CounterPage.UNRENDERABLE));

        JsonNode reply = c.reply();
        assertEquals("{}", diff(reply));
        assertEquals(
                "{\"success\":false,\"errors\":{\"_error\":\"action \\\"note\\\" failed (render"
                        + " error)\"},\"action\":\"note\"}",
                meta(reply));
        c.act("increment");
        assertEquals("{\"0\":\"1\"}", diff(c.reply()), "diffed from the state the client has");
    }

    static Stream<Arguments> brokenConnects() {
        return Stream.of(
                Arguments.of("mount throws", true, "", "mount failed"),
                Arguments.of(
                        "the first tree cannot be rendered",
                        false,
                        CounterPage.UNRENDERABLE,
                        "render failed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenConnects")
    void aConnectThatFailsOnTheServerClosesWith1011(
            String name, boolean failMount, String note, String reason) {
        // given a page whose mount fails, or whose initial state cannot be rendered
        EngineFixture broken =
                new EngineFixture((t, ctx) -> true, CounterPage.Counter.initial().withNote(note));
        broken.controller.failMount = failMount;

        EngineFixture.Client c = broken.connect("g");

        // then the socket closes as a server error, with nothing sent
        assertEquals(List.of(), c.frames());
        assertTrue(c.socket.closed());
        assertEquals(1011, c.socket.closeCode());
        assertEquals(reason, c.socket.closeReason());
        // and later frames are ignored
        c.act("increment");
        assertEquals(List.of(), c.frames());
    }

    @Test
    void aMountRefusedATopicTellsTheClientAndStillGivesItAPage() {
        // given topics are deny-all and mount subscribes to one
        EngineFixture denying = new EngineFixture(null);
        denying.controller.mountTopic = "chat/x";

        EngineFixture.Client c = denying.connect("g");

        // then the error envelope comes first, then the initial state with the refusal
        List<String> frames = c.frames();
        assertEquals(2, frames.size(), frames.toString());
        assertEquals(
                "{\"type\":\"error\",\"code\":\"topic_forbidden\",\"topic\":\"chat/x\"}",
                frames.get(0));
        JsonNode tree = parse(frames.get(1));
        assertFalse(tree.get("meta").get("success").asBoolean());
        assertFalse(c.socket.closed());
        c.act("increment");
        assertEquals(
                "{\"0\":\"1\",\"2\":\"\"}",
                diff(c.reply()),
                "the socket is live, the refusal no longer shown");
    }

    @Test
    void closingRunsOnDisconnectAndHandsTheLastStateToTheHttpSide() {
        // given a socket at count 3
        EngineFixture.Client c = page.connect("g");
        c.act("add", Map.of("n", 3));

        c.close();

        // then onDisconnect saw that state, and an HTTP request of the group continues from it
        assertTrue(
                page.controller.calls.contains("onDisconnect g:3"),
                page.controller.calls.toString());
        Reply reply = page.http("g", Map.of()).receive(bytes("{\"action\":\"increment\"}"));
        assertEquals("4", parse(reply.last()).get("tree").get("0").asText());
        assertEquals(
                1,
                page.controller.calls.stream().filter(s -> s.startsWith("mount")).count(),
                "the HTTP side did not mount again");
    }

    @Test
    void aSocketWithoutSessionCookieLeavesNothingBehind() {
        EngineFixture.Client c =
                page.connect(
                        new Upgrade(new Visitor("g", ""), false, EngineFixture.PATH, Map.of()));
        c.act("add", Map.of("n", 3));

        c.close();

        Reply reply = page.http("g", Map.of()).tree();
        assertEquals("0", parse(reply.last()).get("tree").get("0").asText());
    }

    // ------------------------------------------------------------------ HTTP

    @Test
    void anHttpActionMountsFirstAndAnswersTheFullTree() {
        PageSession<CounterPage.Counter> http = page.http("g", Map.of("start", "7"));

        Reply reply = http.receive(bytes("{\"action\":\"increment\"}"));

        assertFalse(reply.broken());
        JsonNode answer = parse(reply.last());
        assertEquals(CounterPage.STATICS.size(), answer.get("tree").get("s").size(), "full tree");
        assertEquals("8", answer.get("tree").get("0").asText());
        assertEquals("{\"success\":true,\"errors\":{},\"action\":\"increment\"}", meta(answer));
        assertEquals(List.of("mount http"), CounterPage.lifecycle(page.controller));
    }

    @Test
    void anHttpPingIsAnsweredWithTheFullTree() {
        PageSession<CounterPage.Counter> http = page.http("g", Map.of());
        http.receive(bytes("{\"action\":\"increment\"}"));

        JsonNode answer = parse(http.receive(bytes("{\"action\":\"__ping__\"}")).last());

        assertEquals("1", answer.get("tree").get("0").asText());
        assertEquals("{\"success\":true,\"errors\":{},\"action\":\"__ping__\"}", meta(answer));
    }

    @Test
    void anHttpSessionThatCannotMountIsBroken() {
        page.controller.failMount = true;

        Reply reply = page.http("g", Map.of()).tree();

        assertTrue(reply.broken());
        assertEquals(
                "{\"tree\":{},\"meta\":{\"success\":false,\"errors\":{\"_error\":\"the page could"
                        + " not be loaded\"}}}",
                new String(reply.last(), StandardCharsets.UTF_8));
    }

    @Test
    void aPageLoadStartsOverAndRendersTheHtml() {
        PageSession<CounterPage.Counter> http = page.http("g", Map.of());
        http.receive(bytes("{\"action\":\"increment\"}"));

        assertTrue(page.http("g", Map.of("start", "2")).load());

        assertEquals(
                "<div data-lvt-id=\"w\"><p>2</p><i></i><b></b><u></u></div>",
                http.html("w", false).toString());
    }

    // ------------------------------------------------------------------ persisted fields

    @Test
    void persistedComponentsAreSavedAndRestoredPerGroup() {
        // given a page whose count is persisted, and a socket that counted to 2
        EngineFixture page = EngineFixture.persisting();
        EngineFixture.Client first = page.connect("g");
        first.act("increment");
        first.act("increment");
        assertEquals(
                "{\"count\":2}", new String(page.store.load("g|/counter"), StandardCharsets.UTF_8));

        // then a new socket of the group starts from 2, one of another group from 0
        assertEquals("2", page.connect("g").reply().get("tree").get("0").asText());
        assertEquals("0", page.connect("h").reply().get("tree").get("0").asText());
        // and so does the group's HTTP session
        assertEquals(
                "2", parse(page.http("g", Map.of()).tree().last()).get("tree").get("0").asText());
    }

    @Test
    void anActionWithErrorsSavesNothingAndNoCookieMeansNoStore() {
        EngineFixture page = EngineFixture.persisting();
        EngineFixture.Client c = page.connect("g");
        c.act("invalid"); // would make the count 100
        assertEquals(
                "{\"count\":0}",
                new String(page.store.load("g|/counter"), StandardCharsets.UTF_8),
                "the mount saved, the action with errors did not");

        EngineFixture.Client anonymous =
                page.connect(
                        new Upgrade(new Visitor("a", ""), false, EngineFixture.PATH, Map.of()));
        anonymous.act("increment");
        assertNull(page.store.load("a|/counter"), "a socket without session cookie never persists");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
