package io.github.livetemplate.runtime.engine;

import io.github.livetemplate.runtime.UploadedFile;
import io.github.livetemplate.runtime.generated.UploadDeclaration;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The files of one multipart post (docs/runtime.md, Uploads over HTTP): the client's fallback when
 * its socket is down, its proxied uploads, its plain file inputs and a form posted without
 * JavaScript. Parts are read in order, one buffer at a time: value fields are collected (at most
 * {@link #MAX_FIELD_BYTES} in all); a file part whose field name is a declared upload is checked
 * whatever the client claims (count, type and image signature, size and the connection's budget,
 * counted on the bytes as they arrive) and
 *
 * <ul>
 *   <li>volume (and direct, which has no other way without JavaScript): streamed to a staged file,
 *       handed to the upload's action once the body is read, deleted when it returns;
 *   <li>proxied: handed to the action at once as a stream of the request ({@link
 *       UploadedFile#open()}); no file is written;
 *   <li>preview: read and dropped; the action gets the metadata.
 * </ul>
 *
 * A refusal stops reading (the transport closes the connection rather than read the rest), deletes
 * what was staged and is counted with the other upload refusals. Runs on the session's queue.
 */
public final class MultipartUpload {

    /** The most bytes of value fields one post may carry. */
    public static final int MAX_FIELD_BYTES = 64 * 1024;

    /** A multipart body as a sequence of parts, read by the transport. */
    public interface Parts {
        /** The next part, {@code null} after the last; the previous part's rest is skipped. */
        Part next() throws IOException;
    }

    /** One part. */
    public interface Part {
        /** The form field's name. */
        String name();

        /**
         * The file name of a file part ({@code ""} when none was chosen), {@code null} for a value.
         */
        String fileName();

        /** The part's {@code Content-Type}, {@code ""} when absent. */
        String contentType();

        /** The part's bytes, ending at the part's end. */
        InputStream body();
    }

    /**
     * What the post did.
     *
     * @param broken the page could not be loaded
     * @param tokenRefused the CSRF token was missing or wrong (nothing was read or run)
     * @param refusal why an upload was refused ({@code null} when none was)
     * @param refusedUpload the upload the refusal concerns
     * @param fields the value fields, for the transport's routing
     * @param actions the upload actions that ran
     * @param reply the last action's reply (a client's post; kept with a refusal that came after
     *     it)
     * @param submitted the last action's outcome (a form posted without JavaScript)
     */
    public record Result(
            boolean broken,
            boolean tokenRefused,
            String refusal,
            String refusedUpload,
            Map<String, List<String>> fields,
            Set<String> actions,
            Reply reply,
            PageSession.Submitted submitted) {

        /** The post's result when the page could not be loaded. */
        public static Result pageBroken() {
            return new Result(true, false, null, null, Map.of(), Set.of(), null, null);
        }

        /** Whether some upload action ran (and no refusal ended the post). */
        public boolean ranUploads() {
            return !actions.isEmpty();
        }
    }

    private final UploadRules rules;
    private final UploadSession uploads;
    private final PageSession<?> session;
    private final boolean json;

    private final Map<String, List<String>> fields = new LinkedHashMap<>();
    private int fieldBytes;
    private final Map<String, List<UploadedFile>> staged = new LinkedHashMap<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final Set<String> ran = new LinkedHashSet<>();
    private Reply reply;
    private PageSession.Submitted submitted;

    MultipartUpload(
            UploadRules rules, UploadSession uploads, PageSession<?> session, boolean json) {
        this.rules = rules;
        this.uploads = uploads;
        this.session = session;
        this.json = json;
    }

    Result read(Parts parts, Predicate<String> tokenValid) throws IOException {
        boolean tokenChecked = tokenValid == null;
        try {
            for (Part p = parts.next(); p != null; p = parts.next()) {
                if (p.fileName() == null) {
                    field(p);
                    continue;
                }
                if (!tokenChecked) {
                    // The token precedes the files (the stamp puts it first in the form), so no
                    // byte of a forged post is written anywhere.
                    List<String> t = fields.get(CsrfTokens.FIELD);
                    if (t == null || t.isEmpty() || !tokenValid.test(t.get(0))) {
                        return refusedToken();
                    }
                    tokenChecked = true;
                }
                UploadDeclaration d = rules.get(p.name());
                if (d == null || p.fileName().isEmpty()) {
                    continue; // not an upload of this page, or no file chosen: skipped
                }
                String error = file(d, p);
                if (error != null) {
                    rules.refused(error);
                    return refused(d.name(), error);
                }
            }
            if (!tokenChecked) {
                List<String> t = fields.get(CsrfTokens.FIELD);
                if (t == null || t.isEmpty() || !tokenValid.test(t.get(0))) {
                    return refusedToken();
                }
            }
            for (Map.Entry<String, List<UploadedFile>> e : staged.entrySet()) {
                UploadDeclaration d = rules.get(e.getKey());
                run(d, e.getValue());
            }
        } finally {
            deleteStaged();
        }
        return new Result(
                false,
                false,
                null,
                null,
                Collections.unmodifiableMap(fields),
                Collections.unmodifiableSet(ran),
                reply,
                submitted);
    }

    private Result refusedToken() {
        return new Result(false, true, null, null, Map.of(), Set.of(), null, null);
    }

    private Result refused(String upload, String why) {
        deleteStaged();
        PageSession.Submitted s = json ? null : session.refusedForm(Map.of(upload, why));
        // The reply of a proxied action that ran before the refusal stays: a WebSocket that runs
        // the post must still send what its state became (docs/runtime.md §24).
        return new Result(false, false, why, upload, Map.of(), Set.of(), reply, s);
    }

    private void field(Part p) throws IOException {
        byte[] b = p.body().readNBytes(MAX_FIELD_BYTES - fieldBytes + 1);
        fieldBytes += b.length + p.name().length();
        if (fieldBytes > MAX_FIELD_BYTES) {
            throw new IOException("form fields too large: more than " + MAX_FIELD_BYTES + " bytes");
        }
        fields.computeIfAbsent(p.name(), k -> new ArrayList<>())
                .add(new String(b, StandardCharsets.UTF_8));
    }

    /** Checks and delivers one file part; the refusal, or {@code null}. */
    private String file(UploadDeclaration d, Part p) throws IOException {
        int n = counts.merge(d.name(), 1, Integer::sum);
        if (n > d.maxEntries()) {
            return "too many files: at most " + d.maxEntries();
        }
        String type = p.contentType().isEmpty() ? "application/octet-stream" : p.contentType();
        if (!UploadRules.accepts(d, type, p.fileName())) {
            return "file type not accepted: " + type;
        }
        String id = uploads.takeAnnounced(d.name(), p.fileName());
        long budget = uploads.budgetLeft();
        Checked in =
                new Checked(
                        p.body(),
                        Math.min(d.maxFileSize(), Math.max(0, budget)),
                        d.maxFileSize(),
                        ImageSignature.claimed(type, p.fileName()));
        return switch (d.mode()) {
            case UploadDeclaration.PROXIED -> proxied(d, id, p, type, in);
            case UploadDeclaration.PREVIEW -> preview(d, id, p, type, in);
            default -> stage(d, id, p, type, in);
        };
    }

    private String stage(UploadDeclaration d, String id, Part p, String type, Checked in)
            throws IOException {
        Path f = rules.newFile();
        // Listed before the first byte, so that every way out deletes it.
        staged.computeIfAbsent(d.name(), k -> new ArrayList<>())
                .add(new UploadedFile(d.name(), id, p.fileName(), type, 0, f));
        try (OutputStream out = Files.newOutputStream(f)) {
            in.transferTo(out);
        } catch (IOException e) {
            if (in.refusal == null) {
                throw e;
            }
        }
        if (in.refusal != null) {
            return in.refusal;
        }
        List<UploadedFile> list = staged.get(d.name());
        list.set(list.size() - 1, new UploadedFile(d.name(), id, p.fileName(), type, in.count, f));
        uploads.accepted(in.count);
        return null;
    }

    private String proxied(UploadDeclaration d, String id, Part p, String type, Checked in)
            throws IOException {
        UploadedFile file = UploadedFile.streamed(d.name(), id, p.fileName(), type, in);
        run(d, List.of(file));
        try {
            in.transferTo(OutputStream.nullOutputStream()); // what the action left unread
        } catch (IOException e) {
            if (in.refusal == null) {
                throw e;
            }
        }
        uploads.accepted(in.count);
        return in.refusal;
    }

    private String preview(UploadDeclaration d, String id, Part p, String type, Checked in)
            throws IOException {
        try {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            if (in.refusal == null) {
                throw e;
            }
        }
        if (in.refusal != null) {
            return in.refusal;
        }
        run(d, List.of(UploadedFile.metadata(d.name(), id, p.fileName(), type, in.count, null)));
        return null;
    }

    private void run(UploadDeclaration d, List<UploadedFile> files) {
        Map<String, List<UploadedFile>> call = Map.of(d.name(), List.copyOf(files));
        Map<String, Object> data = data();
        if (json) {
            reply = session.receiveWithUploads(new Inbound(d.action(), data, ""), call);
        } else {
            submitted = session.submitWithUploads(d.action(), data, call);
        }
        ran.add(d.action());
    }

    /** The fields as action data: a string per name, a list for repeated names. */
    private Map<String, Object> data() {
        Map<String, Object> data = new LinkedHashMap<>();
        fields.forEach(
                (k, v) -> {
                    if (!k.equals(CsrfTokens.FIELD) && !k.startsWith("lvt-")) {
                        data.put(k, v.size() == 1 ? v.get(0) : List.copyOf(v));
                    }
                });
        return data;
    }

    private void deleteStaged() {
        for (List<UploadedFile> list : staged.values()) {
            for (UploadedFile f : list) {
                try {
                    Files.deleteIfExists(f.path());
                } catch (IOException e) {
                    rules.refused("could not delete a staged upload: " + e.getMessage());
                }
            }
        }
        staged.clear();
    }

    /**
     * A part's bytes, refused past {@code limit} (the declared size or what is left of the budget)
     * or when an image's first bytes contradict its claimed type. The refusal is kept even when the
     * reader swallows the exception.
     */
    static final class Checked extends BulkInputStream {
        private final InputStream in;
        private final long limit;
        private final long maxFileSize;
        private final ImageSignature image;
        private final byte[] head = new byte[ImageSignature.LONGEST];
        private int headLength;
        long count;
        String refusal;

        Checked(InputStream in, long limit, long maxFileSize, ImageSignature image) {
            this.in = in;
            this.limit = limit;
            this.maxFileSize = maxFileSize;
            this.image = image;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (refusal != null) {
                throw new IOException(refusal);
            }
            int n = in.read(b, off, len);
            if (n < 0) {
                if (image != null && !image.matches(head, headLength)) {
                    throw refuse("file content is not " + image.mime());
                }
                return -1;
            }
            count += n;
            if (count > limit) {
                throw refuse(
                        count > maxFileSize
                                ? "file too large: more than " + maxFileSize + " bytes"
                                : "upload limit of this connection reached");
            }
            if (image != null && headLength < ImageSignature.LONGEST) {
                int k = Math.min(ImageSignature.LONGEST - headLength, n);
                System.arraycopy(b, off, head, headLength, k);
                headLength += k;
                if (headLength == ImageSignature.LONGEST && !image.matches(head, headLength)) {
                    throw refuse("file content is not " + image.mime());
                }
            }
            return n;
        }

        private IOException refuse(String why) {
            refusal = why;
            return new IOException(why);
        }
    }
}
