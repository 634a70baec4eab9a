package io.github.livetemplate.runtime.generated;

import java.nio.charset.StandardCharsets;

/** Pre-encodes template statics at class initialisation. Support for generated code, not API. */
public final class Statics {
    private Statics() {}

    /**
     * The UTF-8 bytes of the concatenated chunks. Long statics are split into chunks in the
     * generated source because one class-file string constant holds at most 65,535 bytes.
     */
    public static byte[] utf8(String... chunks) {
        if (chunks.length == 1) {
            return chunks[0].getBytes(StandardCharsets.UTF_8);
        }
        return String.join("", chunks).getBytes(StandardCharsets.UTF_8);
    }
}
