package io.github.livetemplate.runtime.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Internal: the bounds on what a client message may contain, checked while it is parsed (before any
 * object is built): how deeply objects and arrays nest, how long a string and a number may be. A
 * message over a bound is refused like a malformed one; the session goes on.
 *
 * @param maxDepth the deepest nesting of objects and arrays (the envelope itself is level 1)
 * @param maxStringLength the longest string (key or value), in characters
 * @param maxNumberLength the longest number, in characters
 */
public record JsonLimits(int maxDepth, int maxStringLength, int maxNumberLength) {

    /**
     * Depth 32, strings of 65 536 characters (the default message size, so that by default only the
     * message size bounds a string), numbers of 64 characters.
     */
    public static final JsonLimits DEFAULT = new JsonLimits(32, 65_536, 64);

    public JsonLimits {
        if (maxDepth < 2 || maxStringLength < 1 || maxNumberLength < 1) {
            throw new IllegalArgumentException(
                    "need a depth of at least 2 and positive lengths: " + this);
        }
    }

    /** A mapper whose parsers enforce these bounds. */
    ObjectMapper mapper() {
        JsonFactory factory =
                JsonFactory.builder()
                        .streamReadConstraints(
                                StreamReadConstraints.builder()
                                        .maxNestingDepth(maxDepth)
                                        .maxStringLength(maxStringLength)
                                        .maxNumberLength(maxNumberLength)
                                        .build())
                        .build();
        return new ObjectMapper(factory);
    }

    /** The error shown to a client whose message passed a bound. */
    String refusal() {
        return "message refused: it passes the server's limits (nesting depth "
                + maxDepth
                + ", strings of "
                + maxStringLength
                + " characters, numbers of "
                + maxNumberLength
                + " digits)";
    }
}
