package io.github.livetemplate.runtime.generated;

import java.util.List;
import java.util.Objects;

/**
 * One {@code @Upload} of a controller as the runtime receives it from the generated {@code
 * <Controller>Live} ({@link Actions#uploads()}). Checked when built, so a hand-written {@link
 * Actions} gets the same rules as an annotation.
 *
 * @param name the upload's name ({@code lvt-upload="…"}): letters, digits, {@code _}, {@code -}
 * @param accept MIME types, {@code type/*} wildcards and {@code .ext} extensions; empty accepts all
 * @param maxEntries how many files one selection may hold, at least 1
 * @param maxFileSize the largest file in bytes, at least 1
 * @param autoUpload whether the client sends the files as soon as they are selected
 * @param action the action that receives the completed files
 * @param mode how the files travel, as the wire names it: {@value #VOLUME}, {@value #PROXIED},
 *     {@value #DIRECT} or {@value #PREVIEW}
 */
public record UploadDeclaration(
        String name,
        List<String> accept,
        int maxEntries,
        long maxFileSize,
        boolean autoUpload,
        String action,
        String mode) {

    /** Chunks over the WebSocket (multipart over HTTP) into a staged file. */
    public static final String VOLUME = "volume";

    /** Multipart streamed to the action, no staged file. */
    public static final String PROXIED = "proxied";

    /** The browser PUTs to a presigned URL; the server gets metadata. */
    public static final String DIRECT = "direct";

    /** The file stays in the browser; the server gets metadata. */
    public static final String PREVIEW = "preview";

    /** A {@value #VOLUME} upload. */
    public UploadDeclaration(
            String name,
            List<String> accept,
            int maxEntries,
            long maxFileSize,
            boolean autoUpload,
            String action) {
        this(name, accept, maxEntries, maxFileSize, autoUpload, action, VOLUME);
    }

    public UploadDeclaration {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("not a valid upload name: \"" + name + "\"");
        }
        accept = List.copyOf(accept);
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
        }
        if (maxFileSize < 1) {
            throw new IllegalArgumentException("maxFileSize must be at least 1: " + maxFileSize);
        }
        if (action == null || action.isEmpty()) {
            action = defaultAction(name);
        }
        if (mode == null || mode.isEmpty()) {
            mode = VOLUME;
        }
        if (!List.of(VOLUME, PROXIED, DIRECT, PREVIEW).contains(mode)) {
            throw new IllegalArgumentException("not an upload mode: \"" + mode + "\"");
        }
    }

    /** The action an upload named {@code name} completes with by default. */
    public static String defaultAction(String name) {
        return "upload_" + name + "_complete";
    }
}
