package io.github.livetemplate.test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One message a {@link LiveView} received from the server, as the browser client would: an update
 * ({@code {"tree":…,"meta":…}}, docs/protocol.md §5.2), a heartbeat answer ({@code {"pong":true}})
 * or an error envelope ({@code {"type":"error",…}}, §5.5).
 */
public final class Update {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String text;
    private final JsonNode json;

    Update(String text) {
        this.text = text;
        try {
            this.json = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("the server sent a frame that is not JSON: " + text, e);
        }
    }

    /** The message exactly as sent. */
    public String text() {
        return text;
    }

    /** The message, parsed. */
    public JsonNode json() {
        return json;
    }

    /** Whether this is an update (it has a {@code tree}). */
    public boolean isUpdate() {
        return json.has("tree");
    }

    /** Whether this is the answer to a heartbeat. */
    public boolean isPong() {
        return json.path("pong").asBoolean(false);
    }

    /**
     * The {@code code} of an error envelope ({@code "topic_forbidden"}), or {@code null} when this
     * is not one.
     */
    public String errorCode() {
        return "error".equals(json.path("type").asText(null)) ? json.path("code").asText() : null;
    }

    /**
     * The update's tree as JSON text: the complete tree for the first message of a connection,
     * afterwards only what changed ({@code {}} when nothing did).
     *
     * @throws AssertionError if this is not an update
     */
    public String tree() {
        return requireUpdate().get("tree").toString();
    }

    /** Whether the update changes what the page shows (its tree is not {@code {}}). */
    public boolean changed() {
        return requireUpdate().get("tree").size() > 0;
    }

    /** {@code meta.success}: the action ran without errors. */
    public boolean success() {
        return requireUpdate().path("meta").path("success").asBoolean(false);
    }

    /**
     * {@code meta.errors}, field → message, in order; the general error of a failed action is under
     * {@code _error}.
     */
    public Map<String, String> errors() {
        JsonNode errors = requireUpdate().path("meta").path("errors");
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = errors.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().asText());
        }
        return Collections.unmodifiableMap(out);
    }

    /** The message for {@code field} in {@code meta.errors}, or {@code null}. */
    public String error(String field) {
        return errors().get(field);
    }

    /**
     * {@code meta.action}: the client action this update answers; {@code null} for the first tree
     * and for pushed updates (triggers, publishes).
     */
    public String action() {
        JsonNode a = requireUpdate().path("meta").get("action");
        return a == null ? null : a.asText();
    }

    private JsonNode requireUpdate() {
        if (!isUpdate()) {
            throw new AssertionError("not an update: " + text);
        }
        return json;
    }

    @Override
    public String toString() {
        return text;
    }
}
