package io.github.livetemplate.undertow.internal;

import io.github.livetemplate.runtime.engine.MultipartUpload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Internal: a multipart body read up to its first file part, so that the transport knows which
 * upload and file a post carries before it chooses where the post runs (a proxied file runs on the
 * WebSocket that announced it, docs/runtime.md §24). The value parts before it are kept in memory
 * (at most {@link MultipartUpload#MAX_FIELD_BYTES}, the bound the reader applies to all of them)
 * and handed out again, then the file part, then the rest of the body.
 */
final class PeekedParts implements MultipartUpload.Parts {
    private final MultipartUpload.Parts rest;
    private final Deque<MultipartUpload.Part> read = new ArrayDeque<>();
    private final MultipartUpload.Part firstFile;

    private PeekedParts(MultipartUpload.Parts rest, MultipartUpload.Part firstFile) {
        this.rest = rest;
        this.firstFile = firstFile;
    }

    /** Reads {@code parts} up to and including the header of the first file part. */
    static PeekedParts read(MultipartUpload.Parts parts) throws IOException {
        Deque<MultipartUpload.Part> values = new ArrayDeque<>();
        int bytes = 0;
        MultipartUpload.Part p;
        while ((p = parts.next()) != null && p.fileName() == null) {
            byte[] b = p.body().readNBytes(MultipartUpload.MAX_FIELD_BYTES - bytes + 1);
            bytes += b.length + p.name().length();
            if (bytes > MultipartUpload.MAX_FIELD_BYTES) {
                throw new IOException(
                        "form fields too large: more than "
                                + MultipartUpload.MAX_FIELD_BYTES
                                + " bytes");
            }
            values.add(value(p.name(), b));
        }
        PeekedParts peeked = new PeekedParts(parts, p);
        peeked.read.addAll(values);
        if (p != null) {
            peeked.read.add(p);
        }
        return peeked;
    }

    /** The first file part's field name, or {@code null} when the body has none. */
    String fileField() {
        return firstFile == null ? null : firstFile.name();
    }

    /** The first file part's file name, or {@code null} when the body has none. */
    String fileName() {
        return firstFile == null ? null : firstFile.fileName();
    }

    @Override
    public MultipartUpload.Part next() throws IOException {
        MultipartUpload.Part p = read.poll();
        if (p != null) {
            return p;
        }
        return firstFile == null ? null : rest.next();
    }

    private static MultipartUpload.Part value(String name, byte[] bytes) {
        return new MultipartUpload.Part() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String fileName() {
                return null;
            }

            @Override
            public String contentType() {
                return "";
            }

            @Override
            public InputStream body() {
                return new ByteArrayInputStream(bytes);
            }
        };
    }
}
