package io.github.livetemplate.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.livetemplate.undertow.testing.FormPage;
import io.github.livetemplate.undertow.testing.TestPage;
import io.github.livetemplate.undertow.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The first tree advertises {@code meta.capabilities:["change"]} exactly when the page has a {@code
 * change} action (so the client's change auto-wiring, docs/protocol.md §7.6, turns on).
 */
@Timeout(30)
class ChangeCapabilityTest {
    @Test
    void aPageWithAChangeActionAdvertisesItOnTheFirstTreeOnly() throws Exception {
        try (TestServer s =
                TestServer.with(
                        "/f",
                        LiveHandler.builder(
                                        new FormPage.Renderer(),
                                        new FormPage.Controller(),
                                        FormPage.State.initial())
                                .build())) {
            String cookie = s.session("/f");
            try (TestServer.WsClient ws = s.connect("/f", "Cookie", cookie)) {
                JsonNode first = ws.nextJson();
                assertEquals("[\"change\"]", first.get("meta").get("capabilities").toString());
                JsonNode update = ws.call("{\"action\":\"change\",\"data\":{\"email\":\"x\"}}");
                assertFalse(update.get("meta").has("capabilities"), update.toString());
            }
            JsonNode tree =
                    TestServer.json(
                            s.get("/f", "Cookie", cookie, "Accept", "application/json").body());
            assertEquals("[\"change\"]", tree.get("meta").get("capabilities").toString());
        }
    }

    @Test
    void aPageWithoutOneDoesNot() throws Exception {
        try (TestServer s =
                        TestServer.with(
                                "/c",
                                LiveHandler.builder(
                                                new TestPage.Renderer(false),
                                                new TestPage.Controller(),
                                                TestPage.Page.initial())
                                        .build());
                TestServer.WsClient ws = s.connect("/c")) {
            assertFalse(ws.nextJson().get("meta").has("capabilities"));
        }
    }
}
