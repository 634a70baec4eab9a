package io.github.livetemplate.benchmarks;

import io.github.livetemplate.runtime.Utf8Buffer;
import java.nio.charset.StandardCharsets;

/** Output checks shared by the benchmarks' setup and the JUnit test. */
final class Check {

    private Check() {}

    /** Fails unless all four renderings are the same. */
    static void sameOutput(
            String oursString, String jteString, String jteBytes, Utf8Buffer oursBytes) {
        String ob = new String(oursBytes.toByteArray(), StandardCharsets.UTF_8);
        if (!oursString.equals(jteString)
                || !oursString.equals(jteBytes)
                || !oursString.equals(ob)) {
            throw new IllegalStateException(
                    "outputs differ:\n--- ours\n" + oursString + "\n--- jte\n" + jteString);
        }
    }
}
