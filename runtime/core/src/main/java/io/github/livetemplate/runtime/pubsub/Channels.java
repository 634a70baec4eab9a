package io.github.livetemplate.runtime.pubsub;

/**
 * Channel names shared with the Go reference implementation. Publishers always publish to the exact
 * channel; wildcard topics are subscribed as a pattern on the {@link #TOPIC_PREFIX}.
 */
public final class Channels {
    /** Every instance is always subscribed to this one (it also anchors the Redis connection). */
    public static final String GLOBAL_BROADCAST = "livetemplate:broadcast:global";

    public static final String GROUP_BROADCAST_PREFIX = "livetemplate:broadcast:group:";
    public static final String USER_BROADCAST_PREFIX = "livetemplate:broadcast:user:";
    public static final String SERVER_ACTION_PREFIX = "livetemplate:action:user:";
    public static final String GROUP_ACTION_PREFIX = "livetemplate:groupaction:group:";
    public static final String TOPIC_PREFIX = "livetemplate:topic:";

    private Channels() {}

    public static String groupAction(String groupId) {
        return GROUP_ACTION_PREFIX + requireId(groupId, "groupId");
    }

    public static String serverAction(String userId) {
        return SERVER_ACTION_PREFIX + requireId(userId, "userId");
    }

    /** The channel of a concrete topic, or the pattern of a wildcard topic. */
    public static String topic(String topicOrPattern) {
        return TOPIC_PREFIX + topicOrPattern;
    }

    public static String broadcast(BroadcastMessage.Scope scope, String target) {
        return switch (scope) {
            case GLOBAL -> GLOBAL_BROADCAST;
            case GROUP -> GROUP_BROADCAST_PREFIX + requireId(target, "groupId");
            case USER -> USER_BROADCAST_PREFIX + requireId(target, "userId");
        };
    }

    public static String requireId(String id, String what) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            // Glob metacharacters would make a channel name ambiguous in pattern matching.
            if (c <= ' ' || c == 0x7f || c == '*' || c == '?' || c == '[' || c == ']'
                    || c == '\\') {
                throw new IllegalArgumentException(what + " contains an illegal character: " + id);
            }
        }
        return id;
    }
}
