package io.github.livetemplate.examples.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.livetemplate.runtime.FrameListener;
import io.github.livetemplate.runtime.FrameListener.Direction;
import io.github.livetemplate.runtime.FrameListener.Frame;
import io.github.livetemplate.runtime.FrameListener.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The server-side record of every protocol message of the test server's pages (registered on each
 * page with {@code LiveHandler.Builder.frameListener}). Heartbeat pings and pongs are recorded but
 * left out of the queries below.
 */
final class FrameLog implements FrameListener {
    static final ObjectMapper JSON = new ObjectMapper();

    private final List<Frame> frames = new CopyOnWriteArrayList<>();

    @Override
    public void onFrame(Frame frame) {
        frames.add(frame);
    }

    void clear() {
        frames.clear();
    }

    /** Every frame of page {@code path} so far, heartbeats left out, in order. */
    List<Frame> of(String path) {
        return frames.stream().filter(f -> f.path().equals(path) && !isHeartbeat(f)).toList();
    }

    /** The frames of {@code path} matching {@code filter}. */
    List<Frame> of(String path, Predicate<Frame> filter) {
        return of(path).stream().filter(filter).toList();
    }

    /** How many frames of {@code path} matching {@code filter} there are. */
    int count(String path, Predicate<Frame> filter) {
        return of(path, filter).size();
    }

    /**
     * A client message's text without the hidden fields the processor adds to POST forms ({@code
     * lvt-csrf}, {@code lvt-form}, {@code lvt-action}): the client sends them along with a form's
     * data, and the server drops them before the action sees the data.
     */
    static String withoutFormFields(String text) {
        try {
            JsonNode root = JSON.readTree(text);
            JsonNode data = root.get("data");
            if (data instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
                o.remove(List.of("lvt-csrf", "lvt-form", "lvt-action"));
            }
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isHeartbeat(Frame f) {
        return f.text().equals("{\"pong\":true}") || f.text().contains("\"__ping__\"");
    }

    /** Whether any heartbeat ping was received for {@code path}. */
    int pings(String path) {
        return (int)
                frames.stream()
                        .filter(
                                f ->
                                        f.path().equals(path)
                                                && f.direction() == Direction.RECEIVED
                                                && f.text().contains("\"__ping__\""))
                        .count();
    }

    static Predicate<Frame> ws(Direction d) {
        return f -> f.transport() == Transport.WEBSOCKET && f.direction() == d;
    }

    static Predicate<Frame> http(Direction d) {
        return f -> f.transport() == Transport.HTTP && f.direction() == d;
    }

    /** A received message whose {@code action} is {@code action}. */
    static Predicate<Frame> action(String action) {
        return f ->
                f.direction() == Direction.RECEIVED
                        && action.equals(json(f).path("action").asText(null));
    }

    /** A sent update answering {@code action} ({@code meta.action}). */
    static Predicate<Frame> answer(String action) {
        return f ->
                f.direction() == Direction.SENT
                        && action.equals(json(f).path("meta").path("action").asText(null));
    }

    static JsonNode json(Frame f) {
        try {
            return JSON.readTree(f.text());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + f.text(), e);
        }
    }

    /** Whether {@code node} or anything inside it has a key {@code "s"} (statics). */
    static boolean hasStatics(JsonNode node) {
        if (node.isObject()) {
            if (node.has("s")) {
                return true;
            }
            for (JsonNode child : node) {
                if (hasStatics(child)) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                if (hasStatics(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Every range operation list in {@code tree} (a slot value that is an array of arrays whose
     * first element is a string, docs/protocol.md §6.6), flattened to the ops.
     */
    static List<JsonNode> rangeOps(JsonNode tree) {
        List<JsonNode> ops = new java.util.ArrayList<>();
        collectOps(tree, ops);
        return ops;
    }

    private static void collectOps(JsonNode node, List<JsonNode> out) {
        if (node.isArray()
                && node.size() > 0
                && node.get(0).isArray()
                && node.get(0).size() > 0
                && node.get(0).get(0).isTextual()) {
            node.forEach(out::add);
            return;
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                collectOps(child, out);
            }
        }
    }
}
