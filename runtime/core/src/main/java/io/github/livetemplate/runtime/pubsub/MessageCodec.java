package io.github.livetemplate.runtime.pubsub;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON envelopes of the Go reference ({@code pubsub/types.go}): the same field names, order and
 * omissions, {@code time.Time} as RFC 3339 with nanoseconds (trailing zeros trimmed, UTC as {@code
 * Z}), {@code []byte} as standard base64.
 */
final class MessageCodec {
    static final String TYPE_BROADCAST = "broadcast";

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final JsonFactory FACTORY = MAPPER.getFactory();
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private MessageCodec() {}

    /** {@code GroupActionMessage}: group and topic actions. */
    static String groupAction(
            ActionMessage.Kind kind,
            String groupId,
            String topic,
            String action,
            Map<String, ?> data,
            long seq,
            Instant now,
            String instanceId) {
        return write(
                g -> {
                    g.writeStringField("type", kind.wireName());
                    g.writeStringField("groupID", groupId == null ? "" : groupId);
                    if (topic != null && !topic.isEmpty()) {
                        g.writeStringField("topic", topic);
                    }
                    g.writeStringField("action", action);
                    writeData(g, data);
                    g.writeNumberField("seq", seq);
                    g.writeStringField("timestamp", formatTime(now));
                    g.writeStringField("instanceID", instanceId);
                });
    }

    /** {@code ServerActionMessage}. */
    static String serverAction(
            String userId, String action, Map<String, ?> data, Instant now, String instanceId) {
        return write(
                g -> {
                    g.writeStringField("type", ActionMessage.Kind.SERVER_ACTION.wireName());
                    g.writeStringField("userID", userId);
                    g.writeStringField("action", action);
                    writeData(g, data);
                    g.writeStringField("timestamp", formatTime(now));
                    g.writeStringField("instanceID", instanceId);
                });
    }

    /** {@code BroadcastMessage}. */
    static String broadcast(
            BroadcastMessage.Scope scope,
            String target,
            byte[] payload,
            Instant now,
            String instanceId) {
        return write(
                g -> {
                    g.writeStringField("type", TYPE_BROADCAST);
                    if (scope == BroadcastMessage.Scope.GROUP) {
                        g.writeStringField("groupID", target);
                    } else if (scope == BroadcastMessage.Scope.USER) {
                        g.writeStringField("userID", target);
                    }
                    g.writeStringField("payload", Base64.getEncoder().encodeToString(payload));
                    g.writeStringField("timestamp", formatTime(now));
                    g.writeStringField("instanceID", instanceId);
                    g.writeStringField("scope", scope.wireName());
                });
    }

    private static void writeData(JsonGenerator g, Map<String, ?> data) throws IOException {
        if (data != null && !data.isEmpty()) {
            g.writeFieldName("data");
            MAPPER.writeValue(g, data);
        }
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String write(Body body) {
        StringWriter out = new StringWriter(160);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The seconds part of a time, formatted: messages of one second share it. */
    private record Second(long epoch, String text) {}

    /** The last second formatted (the formatter costs more than the rest of a message). */
    private static volatile Second lastSecond = new Second(Long.MIN_VALUE, "");

    /** Go's {@code time.RFC3339Nano} in UTC: fraction with trailing zeros trimmed, {@code Z}. */
    static String formatTime(Instant t) {
        Second second = lastSecond;
        if (second.epoch() != t.getEpochSecond()) {
            second = new Second(t.getEpochSecond(), SECONDS.format(t));
            lastSecond = second;
        }
        StringBuilder sb = new StringBuilder(35).append(second.text());
        int nanos = t.getNano();
        if (nanos != 0) {
            String frac = Integer.toString(1_000_000_000 + nanos).substring(1);
            int end = frac.length();
            while (frac.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(frac, 0, end);
        }
        return sb.append('Z').toString();
    }

    static Instant parseTime(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A decoded message: exactly one of {@code action} / {@code broadcast} is set. */
    record Decoded(ActionMessage action, BroadcastMessage broadcast) {
        String instanceId() {
            return action != null ? action.instanceId() : broadcast.instanceId();
        }
    }

    /**
     * Decodes any envelope. As in the reference, an unknown {@code type} is treated as a broadcast.
     *
     * @throws IllegalArgumentException if the JSON is malformed or lacks a required field
     */
    static Decoded decode(String json) {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("message is not a JSON object");
        }
        String type = text(n, "type");
        String instanceId = text(n, "instanceID");
        Instant ts = parseTime(text(n, "timestamp"));
        switch (type) {
            case "group_action", "topic_action" -> {
                ActionMessage.Kind kind =
                        type.equals("group_action")
                                ? ActionMessage.Kind.GROUP_ACTION
                                : ActionMessage.Kind.TOPIC_ACTION;
                JsonNode seqNode = n.get("seq");
                long seq = seqNode != null && seqNode.canConvertToLong() ? seqNode.asLong() : 0L;
                return new Decoded(
                        new ActionMessage(
                                kind,
                                text(n, "groupID"),
                                "",
                                text(n, "topic"),
                                requireText(n, "action"),
                                data(n),
                                instanceId,
                                seq,
                                ts),
                        null);
            }
            case "server_action" -> {
                return new Decoded(
                        new ActionMessage(
                                ActionMessage.Kind.SERVER_ACTION,
                                "",
                                text(n, "userID"),
                                "",
                                requireText(n, "action"),
                                data(n),
                                instanceId,
                                0L,
                                ts),
                        null);
            }
            default -> {
                BroadcastMessage.Scope scope = BroadcastMessage.Scope.fromWire(text(n, "scope"));
                String payload = text(n, "payload");
                byte[] bytes;
                try {
                    bytes = Base64.getDecoder().decode(payload);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("payload is not base64", e);
                }
                return new Decoded(
                        null,
                        new BroadcastMessage(
                                scope,
                                text(n, "groupID"),
                                text(n, "userID"),
                                text(n, "excludeConnID"),
                                bytes,
                                instanceId,
                                ts));
            }
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static String requireText(JsonNode n, String field) {
        String s = text(n, field);
        if (s.isEmpty()) {
            throw new IllegalArgumentException("missing field " + field);
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(JsonNode n) {
        JsonNode d = n.get("data");
        if (d == null || d.isNull()) {
            return Map.of();
        }
        if (!d.isObject()) {
            throw new IllegalArgumentException("data is not a JSON object");
        }
        Map<String, Object> m = MAPPER.convertValue(d, LinkedHashMap.class);
        return Collections.unmodifiableMap(m);
    }
}
