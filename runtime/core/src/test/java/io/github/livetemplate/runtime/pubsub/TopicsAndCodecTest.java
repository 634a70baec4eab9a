package io.github.livetemplate.runtime.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TopicsAndCodecTest {
    @Test
    void strictSegmentMatching() {
        assertTrue(Topics.matches("chat/*", "chat/room1"));
        assertFalse(Topics.matches("chat/*", "chat/room1/x"));
        assertFalse(Topics.matches("chat/*", "chat"));
        assertFalse(Topics.matches("chat/*", "chat/"));
        assertTrue(Topics.matches("*/room1", "chat/room1"));
        assertTrue(Topics.matches("*/*", "a/b"));
        assertFalse(Topics.matches("*", "a/b"));
        assertTrue(Topics.matches("a/b", "a/b"));
        assertFalse(Topics.matches("a/b", "a/bc"));
        assertFalse(Topics.matches("a/bc", "a/b"));
        assertTrue(Topics.isPattern("a/*/c"));
        assertFalse(Topics.isPattern("a/b*"));
    }

    @Test
    void validation() {
        Topics.validate("chat/room-1_x", false);
        Topics.validate("lvt:session:abc", false);
        Topics.validate("chat/*", true);
        assertThrows(IllegalArgumentException.class, () -> Topics.validate("chat/*", false));
        assertThrows(IllegalArgumentException.class, () -> Topics.validate("chat//x", true));
        assertThrows(IllegalArgumentException.class, () -> Topics.validate("chat/ro*m", true));
        assertThrows(IllegalArgumentException.class, () -> Topics.validate("chat/r?", true));
        assertThrows(IllegalArgumentException.class, () -> Topics.validate("", true));
        assertThrows(IllegalArgumentException.class, () -> Channels.groupAction("a b"));
    }

    @Test
    void redisGlob() {
        assertTrue(Topics.globMatches("livetemplate:topic:chat/*", "livetemplate:topic:chat/a/b"));
        assertTrue(Topics.globMatches("livetemplate:topic:*/a", "livetemplate:topic:x/a"));
        assertFalse(Topics.globMatches("livetemplate:topic:*/a", "livetemplate:topic:x/b"));
    }

    @Test
    void goTimeFormat() {
        assertEquals(
                "2024-05-01T10:00:00Z",
                MessageCodec.formatTime(Instant.parse("2024-05-01T10:00:00Z")));
        assertEquals(
                "2024-05-01T10:00:00.12Z",
                MessageCodec.formatTime(Instant.parse("2024-05-01T10:00:00.120Z")));
        assertEquals(
                "2024-05-01T10:00:00.000000001Z",
                MessageCodec.formatTime(Instant.parse("2024-05-01T10:00:00.000000001Z")));
        assertEquals(
                Instant.parse("2024-05-01T08:00:00.5Z"),
                MessageCodec.parseTime("2024-05-01T10:00:00.5+02:00"));
    }

    @Test
    void seenRingKeepsSixtyFour() {
        SeenRing r = new SeenRing();
        assertFalse(r.seenBefore("a", 1));
        assertTrue(r.seenBefore("a", 1));
        assertFalse(r.seenBefore("b", 1));
        assertFalse(r.seenBefore("a", 0));
        assertFalse(r.seenBefore("a", 0), "seq 0 is never recorded");
        for (int i = 2; i < 2 + SeenRing.SIZE; i++) {
            r.seenBefore("a", i);
        }
        assertFalse(r.seenBefore("a", 1), "evicted after 64 newer entries");
    }

    @Test
    void unknownTypeIsABroadcast() {
        MessageCodec.Decoded d =
                MessageCodec.decode(
                        "{\"type\":\"future\",\"payload\":\"\",\"instanceID\":\"x\",\"scope\":\"global\"}");
        assertEquals(BroadcastMessage.Scope.GLOBAL, d.broadcast().scope());
        assertThrows(IllegalArgumentException.class, () -> MessageCodec.decode("[1]"));
        assertThrows(
                IllegalArgumentException.class,
                () -> MessageCodec.decode("{\"type\":\"group_action\",\"instanceID\":\"x\"}"));
    }
}
