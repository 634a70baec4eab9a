package io.github.livetemplate.runtime.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Internal: one message from the client, {@code {"action":…,"data":{…},"submitter":…}}. A missing
 * or {@code null} {@code data} is empty; an empty {@code action} falls back to the submitter (as
 * the Go server does).
 *
 * @param action the action name, never null
 * @param data the data, never null (mutable only for the parser)
 * @param submitter the submit button's name, {@code ""} when absent
 */
record Inbound(String action, Map<String, Object> data, String submitter) {

    /** The reserved heartbeat action; answered with {@code {"pong":true}}. */
    static final String PING = "__ping__";

    /** The reserved same-path navigation action; data are the new query parameters. */
    static final String NAVIGATE = "__navigate__";

    private static final TypeReference<LinkedHashMap<String, Object>> MAP =
            new TypeReference<>() {};

    /** A message that cannot be understood; the text is safe to show to the client. */
    static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        /** The action name, if it could be read; otherwise {@code ""}. */
        private final String action;

        MalformedException(String message, String action) {
            super(message);
            this.action = action;
        }

        /** The action name, if it could be read; otherwise {@code ""}. */
        String action() {
            return action;
        }
    }

    /** Parses one envelope from UTF-8 bytes within the default limits. */
    static Inbound parse(byte[] bytes, int offset, int length) throws MalformedException {
        return parse(bytes, offset, length, Jackson.BOUNDED, JsonLimits.DEFAULT);
    }

    /** Parses one envelope from UTF-8 bytes with {@code mapper}, which enforces {@code limits}. */
    static Inbound parse(
            byte[] bytes, int offset, int length, ObjectMapper mapper, JsonLimits limits)
            throws MalformedException {
        JsonNode root;
        try {
            root = mapper.readTree(bytes, offset, length);
        } catch (StreamConstraintsException e) {
            throw new MalformedException(limits.refusal(), "");
        } catch (JsonProcessingException e) {
            throw new MalformedException("malformed JSON message: " + e.getOriginalMessage(), "");
        } catch (IOException e) {
            throw new MalformedException("unreadable message", "");
        }
        return fromTree(root);
    }

    /** Parses one envelope from text within the default limits. */
    static Inbound parse(String text) throws MalformedException {
        return parse(text, Jackson.BOUNDED, JsonLimits.DEFAULT);
    }

    /** Parses one envelope from text with {@code mapper}, which enforces {@code limits}. */
    static Inbound parse(String text, ObjectMapper mapper, JsonLimits limits)
            throws MalformedException {
        return fromTree(tree(text, mapper, limits));
    }

    /**
     * The JSON tree of one envelope's text, read with {@code mapper} (which enforces {@code
     * limits}), for {@link #fromTree}.
     */
    static JsonNode tree(String text, ObjectMapper mapper, JsonLimits limits)
            throws MalformedException {
        try {
            return mapper.readTree(text);
        } catch (StreamConstraintsException e) {
            throw new MalformedException(limits.refusal(), "");
        } catch (JsonProcessingException e) {
            throw new MalformedException("malformed JSON message: " + e.getOriginalMessage(), "");
        }
    }

    /** The envelope of a parsed JSON tree. */
    static Inbound fromTree(JsonNode root) throws MalformedException {
        if (root == null || root.isMissingNode()) {
            throw new MalformedException("empty message", "");
        }
        if (!root.isObject()) {
            throw new MalformedException("a message must be a JSON object", "");
        }
        JsonNode a = root.get("action");
        String action;
        if (a == null || a.isNull()) {
            action = "";
        } else if (a.isTextual()) {
            action = a.textValue();
        } else {
            throw new MalformedException("\"action\" must be a string", "");
        }
        JsonNode s = root.get("submitter");
        String submitter = s != null && s.isTextual() ? s.textValue() : "";
        if (action.isEmpty()) {
            action = submitter;
        }
        JsonNode d = root.get("data");
        Map<String, Object> data;
        if (d == null || d.isNull()) {
            data = Map.of();
        } else if (d.isObject()) {
            data = d.isEmpty() ? Map.of() : toMap(d);
        } else {
            throw new MalformedException("\"data\" must be a JSON object", action);
        }
        if (action.isEmpty()) {
            throw new MalformedException("the message names no action", "");
        }
        return new Inbound(action, data, submitter);
    }

    /**
     * The hidden fields the processor adds to POST forms (html/FormFields in the processor) and the
     * client's multipart routing fields: they reach the server in a form's data, but are not the
     * application's.
     */
    static final java.util.Set<String> ROUTING_FIELDS =
            java.util.Set.of(CsrfTokens.FIELD, "lvt-action", "lvt-submitter", "lvt-form");

    private static Map<String, Object> toMap(JsonNode d) {
        Map<String, Object> out = Jackson.MAPPER.convertValue(d, MAP);
        out.keySet().removeAll(ROUTING_FIELDS);
        return out.isEmpty() ? Map.of() : Collections.unmodifiableMap(out);
    }

    /** Data of a {@code __navigate__} message as query parameters (values as text). */
    Map<String, String> dataAsQuery() {
        Map<String, String> q = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, Object>> it = data.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Object> e = it.next();
            Object v = e.getValue();
            q.put(e.getKey(), v == null ? "" : Jackson.scalarText(v));
        }
        return q;
    }

    /** Shared, configured Jackson objects. */
    static final class Jackson {
        static final ObjectMapper MAPPER = new ObjectMapper();

        /** Parses client messages within {@link JsonLimits#DEFAULT}. */
        static final ObjectMapper BOUNDED = JsonLimits.DEFAULT.mapper();

        private Jackson() {}

        static String scalarText(Object v) {
            if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString(d.longValue());
            }
            if (v instanceof java.util.List<?> l) {
                return l.isEmpty() ? "" : scalarText(l.get(l.size() - 1));
            }
            return String.valueOf(v);
        }
    }
}
