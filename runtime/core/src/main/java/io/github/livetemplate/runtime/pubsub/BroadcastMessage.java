package io.github.livetemplate.runtime.pubsub;

import java.time.Instant;

/**
 * A {@code broadcast} message (the reference's older "render this data everywhere" message): opaque
 * {@link #payload()} bytes, base64 on the wire.
 *
 * @param scope global, group or user
 * @param groupId the group ({@link Scope#GROUP}); {@code ""} otherwise
 * @param userId the user ({@link Scope#USER}); {@code ""} otherwise
 * @param excludeConnId a connection the sender asks receivers to skip; {@code ""} if none
 * @param payload the payload bytes (the reference sends JSON template data); never null
 * @param instanceId the publishing instance
 * @param timestamp when the publisher sent it; {@code null} if absent or unparseable
 */
public record BroadcastMessage(
        Scope scope,
        String groupId,
        String userId,
        String excludeConnId,
        byte[] payload,
        String instanceId,
        Instant timestamp) {

    /** The broadcast scopes and their {@code scope} field on the wire. */
    public enum Scope {
        GLOBAL("global"),
        GROUP("group"),
        USER("user");

        private final String wireName;

        Scope(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        static Scope fromWire(String s) {
            for (Scope v : values()) {
                if (v.wireName.equals(s)) {
                    return v;
                }
            }
            return null;
        }
    }
}
