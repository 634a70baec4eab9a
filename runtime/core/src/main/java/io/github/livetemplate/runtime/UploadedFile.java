package io.github.livetemplate.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file the browser uploaded, as the action named by its {@code @Upload} receives it through
 * {@link Context#uploads(String)}. The bytes are in a temporary file of the runtime's private
 * upload directory; <b>the runtime deletes it when the action returns</b>, so read it, copy it or
 * {@link Files#move move} it during the action.
 *
 * <p>{@link #clientName()} and {@link #clientType()} are what the browser said: show them, never
 * use them as a path. {@link #size()} is the number of bytes that actually arrived, checked against
 * the declared limit; the type was checked against the declaration and, for images, against the
 * bytes' signature.
 *
 * @param uploadName the {@code @Upload} name
 * @param entryId the entry id the server gave the file
 * @param clientName the file name the browser reported (untrusted)
 * @param clientType the MIME type the browser reported (checked against the declaration)
 * @param size the number of bytes received
 * @param path the temporary file holding them, valid during the action only
 */
public record UploadedFile(
        String uploadName,
        String entryId,
        String clientName,
        String clientType,
        long size,
        Path path) {

    public UploadedFile {
        Objects.requireNonNull(uploadName, "uploadName");
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(clientName, "clientName");
        Objects.requireNonNull(clientType, "clientType");
        Objects.requireNonNull(path, "path");
    }

    /** Opens the bytes for reading; the caller closes the stream. */
    public InputStream open() throws IOException {
        return Files.newInputStream(path);
    }
}
