package io.github.livetemplate.runtime.pubsub;

import java.time.Instant;
import java.util.Map;

/**
 * An action received from another instance: run {@link #action()} with {@link #data()} on the local
 * connections the message addresses.
 *
 * @param kind which of the three action messages this is
 * @param groupId the session group ({@link Kind#GROUP_ACTION}); {@code ""} otherwise
 * @param userId the user ({@link Kind#SERVER_ACTION}); {@code ""} otherwise
 * @param topic the concrete topic ({@link Kind#TOPIC_ACTION}, never a pattern); {@code ""}
 *     otherwise
 * @param action the action name as published (any naming variant the sender used)
 * @param data the action data, decoded from JSON (maps, lists, strings, numbers as {@code
 *     Integer}/{@code Long}/{@code BigInteger}/{@code Double}, booleans, {@code null}); empty when
 *     absent; unmodifiable
 * @param instanceId the publishing instance
 * @param seq the publisher's sequence number (group and topic actions); {@code 0} for server
 *     actions and for senders that do not number their messages
 * @param timestamp when the publisher sent it; {@code null} if absent or unparseable
 */
public record ActionMessage(
        Kind kind,
        String groupId,
        String userId,
        String topic,
        String action,
        Map<String, Object> data,
        String instanceId,
        long seq,
        Instant timestamp) {

    /** The three action message types and their {@code type} field on the wire. */
    public enum Kind {
        /** {@code group_action}: run on every connection of a session group (server push). */
        GROUP_ACTION("group_action"),
        /** {@code server_action}: run on every connection of a user. */
        SERVER_ACTION("server_action"),
        /** {@code topic_action}: run on every connection subscribed to a matching topic. */
        TOPIC_ACTION("topic_action");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        /** The value of the JSON {@code type} field. */
        public String wireName() {
            return wireName;
        }
    }
}
