package io.github.livetemplate.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file the browser uploaded, as the action named by its {@code @Upload} receives it through
 * {@link Context#uploads(String)}. What it holds depends on the upload's mode (docs/runtime.md,
 * Uploads):
 *
 * <ul>
 *   <li><b>volume</b>: the bytes are in a temporary file of the runtime's private upload directory,
 *       {@link #path()}; <b>the runtime deletes it when the action returns</b>, so read it, copy it
 *       or {@link Files#move move} it during the action;
 *   <li><b>proxied</b>: no file: {@link #open()} returns the bytes as they stream in from the
 *       request (once; {@link #path()} is {@code null}, {@link #size()} is {@code -1}). Reading
 *       past the declared size, or image bytes that contradict the claimed type, throw an {@link
 *       IOException}; the runtime then refuses the upload;
 *   <li><b>direct</b>: no bytes: the browser stored them at {@link #ref()} (the URL the
 *       application's {@link Presigner} signed);
 *   <li><b>preview</b>: no bytes: only what the browser said about the file.
 * </ul>
 *
 * <p>{@link #clientName()} and {@link #clientType()} are what the browser said: show them, never
 * use them as a path. The type was checked against the declaration and, where bytes arrived, for
 * images against their signature.
 */
public final class UploadedFile {
    private final String uploadName;
    private final String entryId;
    private final String clientName;
    private final String clientType;
    private final long size;
    private final Path path;
    private final String ref;
    private InputStream stream;

    private UploadedFile(
            String uploadName,
            String entryId,
            String clientName,
            String clientType,
            long size,
            Path path,
            String ref,
            InputStream stream) {
        this.uploadName = Objects.requireNonNull(uploadName, "uploadName");
        this.entryId = Objects.requireNonNull(entryId, "entryId");
        this.clientName = Objects.requireNonNull(clientName, "clientName");
        this.clientType = Objects.requireNonNull(clientType, "clientType");
        this.size = size;
        this.path = path;
        this.ref = ref;
        this.stream = stream;
    }

    /**
     * A staged file (volume mode).
     *
     * @param uploadName the {@code @Upload} name
     * @param entryId the entry id the server gave the file
     * @param clientName the file name the browser reported (untrusted)
     * @param clientType the MIME type the browser reported (checked against the declaration)
     * @param size the number of bytes received
     * @param path the temporary file holding them, valid during the action only
     */
    public UploadedFile(
            String uploadName,
            String entryId,
            String clientName,
            String clientType,
            long size,
            Path path) {
        this(
                uploadName,
                entryId,
                clientName,
                clientType,
                size,
                Objects.requireNonNull(path, "path"),
                null,
                null);
    }

    /** A file whose bytes stream in while the action reads {@code stream} (proxied mode). */
    public static UploadedFile streamed(
            String uploadName,
            String entryId,
            String clientName,
            String clientType,
            InputStream stream) {
        return new UploadedFile(
                uploadName,
                entryId,
                clientName,
                clientType,
                -1,
                null,
                null,
                Objects.requireNonNull(stream, "stream"));
    }

    /**
     * A file known by its metadata only: stored elsewhere at {@code ref} (direct mode), or kept in
     * the browser ({@code ref} {@code null}, preview mode).
     */
    public static UploadedFile metadata(
            String uploadName,
            String entryId,
            String clientName,
            String clientType,
            long size,
            String ref) {
        return new UploadedFile(uploadName, entryId, clientName, clientType, size, null, ref, null);
    }

    /** The {@code @Upload} name. */
    public String uploadName() {
        return uploadName;
    }

    /** The entry id the server gave the file. */
    public String entryId() {
        return entryId;
    }

    /** The file name the browser reported (untrusted: display it, never use it as a path). */
    public String clientName() {
        return clientName;
    }

    /** The MIME type the browser reported, checked against the declaration. */
    public String clientType() {
        return clientType;
    }

    /**
     * The number of bytes that arrived (volume), the size the browser announced (direct, preview),
     * or {@code -1} while the bytes still stream in (proxied).
     */
    public long size() {
        return size;
    }

    /** The staged file (volume mode), valid during the action only; {@code null} otherwise. */
    public Path path() {
        return path;
    }

    /**
     * Where the browser stored the file (direct mode: the presigned URL); {@code null} otherwise.
     */
    public String ref() {
        return ref;
    }

    /**
     * Opens the bytes for reading (volume: the staged file; proxied: the request's stream, once);
     * the caller closes the stream.
     *
     * @throws IOException when the mode delivers no bytes to the server, or the stream was taken
     */
    public InputStream open() throws IOException {
        if (path != null) {
            return Files.newInputStream(path);
        }
        if (stream != null) {
            InputStream s = stream;
            stream = null;
            return s;
        }
        throw new IOException(
                ref != null
                        ? "the bytes of " + clientName + " are at " + ref + ", not on this server"
                        : "no bytes of " + clientName + " reached the server");
    }

    @Override
    public String toString() {
        return "UploadedFile[" + uploadName + "/" + entryId + ", " + clientName + ", " + size + "]";
    }
}
