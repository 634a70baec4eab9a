package io.github.livetemplate.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.livetemplate.runtime.Context.Connect;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code ctx.isInitialMount()}, {@code isNewConnection()} and {@code isReconnect()} say. */
class ConnectKindTest {
    private final EngineFixture page = new EngineFixture();

    @Test
    void aPageLoadIsTheInitialMountItsSocketANewConnectionALaterSocketAReconnect() {
        // given a page load of group g
        page.http("g", Map.of()).load();
        page.httpStates.notePageLoad("g", EngineFixture.PATH);
        // when its socket connects, and later another one without a page load
        page.connect("g");
        page.connect("g");
        // then
        assertEquals(
                List.of(
                        Connect.INITIAL_MOUNT,
                        Connect.NEW_CONNECTION,
                        Connect.NEW_CONNECTION,
                        Connect.RECONNECT,
                        Connect.RECONNECT),
                page.controller.kinds);
    }

    @Test
    void twoTabsLoadedTogetherAreBothNewConnectionsAndAnActionIsNone() {
        page.httpStates.notePageLoad("g", EngineFixture.PATH);
        page.httpStates.notePageLoad("g", EngineFixture.PATH);
        page.connect("g");
        EngineFixture.Client second = page.connect("g");
        second.act("increment");
        assertEquals(
                List.of(
                        Connect.NEW_CONNECTION,
                        Connect.NEW_CONNECTION,
                        Connect.NEW_CONNECTION,
                        Connect.NEW_CONNECTION),
                page.controller.kinds);
    }

    @Test
    void aSocketWithoutSessionCookieIsAlwaysNew() {
        page.connect(new Upgrade(new Visitor("x", ""), false, EngineFixture.PATH, Map.of()));
        assertEquals(
                List.of(Connect.NEW_CONNECTION, Connect.NEW_CONNECTION), page.controller.kinds);
    }
}
