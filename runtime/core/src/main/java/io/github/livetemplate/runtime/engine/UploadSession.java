package io.github.livetemplate.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.livetemplate.runtime.Presigner;
import io.github.livetemplate.runtime.TemplateContext;
import io.github.livetemplate.runtime.UploadedFile;
import io.github.livetemplate.runtime.Utf8Buffer;
import io.github.livetemplate.runtime.generated.UploadDeclaration;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: the uploads of one WebSocket connection in volume mode (docs/protocol.md §9.1): {@code
 * upload_start} checks each announced file against its {@code @Upload} and answers with the
 * entries, {@code upload_chunk} appends base64 chunks at exactly the expected offset to a staging
 * file (never holding the file in memory) and answers with {@code upload_progress}, {@code
 * upload_complete} runs the declared action with the files and deletes them afterwards, {@code
 * cancel_upload} deletes an entry. Every refusal keeps the session; a refused chunk ends its entry.
 * Created on the connection's first upload message; not thread-safe (runs on the connection's
 * queue).
 */
final class UploadSession {
    private static final Logger LOG = LoggerFactory.getLogger("io.github.livetemplate");

    static final String START = "upload_start";
    static final String CHUNK = "upload_chunk";
    static final String COMPLETE = "upload_complete";
    static final String CANCEL = "cancel_upload";

    /** Whether a parsed envelope is an upload message this class handles. */
    static boolean claims(JsonNode root) {
        JsonNode a = root == null ? null : root.get("action");
        if (a == null || !a.isTextual()) {
            return false;
        }
        return switch (a.textValue()) {
            case START, CHUNK, COMPLETE, CANCEL -> true;
            default -> false;
        };
    }

    /** Whether {@code root} is an {@code upload_chunk} message. */
    static boolean isChunk(JsonNode root) {
        JsonNode a = root == null ? null : root.get("action");
        return a != null && a.isTextual() && CHUNK.equals(a.textValue());
    }

    /** One announced file. */
    private static final class Entry {
        final String id;
        final UploadDeclaration upload;
        final String clientName;
        final String clientType;
        final long size;
        final ImageSignature image;
        final byte[] head = new byte[ImageSignature.LONGEST];
        int headLength;
        long received;
        Path file;
        FileChannel channel;

        /** When a byte (or the announcement) last arrived, {@link System#nanoTime()}. */
        long lastNanos = System.nanoTime();

        /** Where a direct-mode entry is stored (the presigned URL); {@code null} otherwise. */
        String ref;

        /** Why it was refused; {@code null} while it is fine. */
        String failure;

        Entry(
                String id,
                UploadDeclaration upload,
                String clientName,
                String clientType,
                long size,
                ImageSignature image) {
            this.id = id;
            this.upload = upload;
            this.clientName = clientName;
            this.clientType = clientType;
            this.size = size;
            this.image = image;
        }
    }

    private final UploadRules rules;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** A proxied file this connection announced, which the client posts over HTTP. */
    private record Proxied(String id, String upload, String clientName) {}

    /**
     * The proxied files announced and not yet posted (at most each upload's last selection), so
     * that their post runs on this connection (docs/runtime.md §24).
     */
    private final List<Proxied> proxied = new ArrayList<>();

    /**
     * What {@code .lvt.Uploads} shows of each upload's last selection: refused, done and live
     * entries by id (live ones read from {@link #entries}); replaced by the next selection.
     */
    private final Map<String, Map<String, TemplateContext.UploadEntry>> shown =
            new LinkedHashMap<>();

    private int nextId = 1;

    /** Bytes accepted on this connection so far, in all its uploads. */
    private long accepted;

    /**
     * Run (off the connection's queue) after the sweep refused idle entries, so that a WebSocket's
     * {@code .lvt.Uploads} shows the timeout at once; {@code null} over HTTP.
     */
    private final Runnable expired;

    UploadSession(UploadRules rules) {
        this(rules, null);
    }

    UploadSession(UploadRules rules, Runnable expired) {
        this.rules = rules;
        this.expired = expired;
    }

    /** Handles one upload message over the WebSocket; {@code session} runs the actions. */
    Reply receive(JsonNode root, PageSession<?> session) {
        return receive(root, session, false);
    }

    /**
     * Handles one upload message; {@code session} runs the actions. Over HTTP ({@code http}) an
     * {@code upload_start} is answered with the start reply alone (the client reads nothing else
     * from that response).
     */
    synchronized Reply receive(JsonNode root, PageSession<?> session, boolean http) {
        String action = root.get("action").textValue();
        Reply r;
        try {
            r =
                    switch (action) {
                        case START -> start(root, session, http);
                        case CHUNK -> chunk(root, http ? null : session);
                        case COMPLETE -> complete(root, session);
                        default -> cancel(root);
                    };
        } catch (Refused refused) {
            rules.refused(refused.getMessage());
            r = failure(refused.key, refused.getMessage(), action);
        } finally {
            rewatch();
        }
        if (http || action.equals(CHUNK) && r.messages().size() > 1) {
            return r;
        }
        // Show what changed in .lvt.Uploads (entries announced, refused, cancelled).
        byte[] refreshed = session.refreshUploads();
        if (refreshed == null) {
            return r;
        }
        List<byte[]> sent = new ArrayList<>(r.messages());
        sent.add(refreshed);
        return new Reply(sent, r.failure());
    }

    /** Deletes every staged file (the connection closed). */
    synchronized void discardAll() {
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            Entry e = it.next();
            it.remove();
            delete(e);
        }
        rules.unwatch(this);
    }

    /**
     * Refuses every entry that received nothing for the idle timeout: its file is deleted, its
     * later chunks dropped, its completion answered with the failure; counted and logged once.
     */
    void expire(long nowNanos) {
        Runnable show = expired;
        if (refuseIdle(nowNanos) && show != null) {
            show.run(); // outside the lock: the connection's queue renders the refusal
        }
    }

    /** Refuses the idle entries; whether any was refused. */
    private synchronized boolean refuseIdle(long nowNanos) {
        long limit = rules.idleTimeoutNanos();
        boolean any = false;
        for (Entry e : entries.values()) {
            // A direct entry's bytes go elsewhere (a long PUT is no sign of abandonment).
            if (e.failure == null && e.ref == null && nowNanos - e.lastNanos > limit) {
                e.failure =
                        "upload timed out: nothing arrived for "
                                + java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(limit)
                                + " ms";
                delete(e);
                rules.timedOut(e.failure + " (" + e.upload.name() + "/" + e.id + ")");
                show(e.upload.name(), view(e));
                any = true;
            }
        }
        rewatch();
        return any;
    }

    /** Watched for timeouts exactly while some entry waits for bytes. */
    private void rewatch() {
        for (Entry e : entries.values()) {
            if (e.failure == null && e.ref == null) {
                rules.watch(this);
                return;
            }
        }
        rules.unwatch(this);
    }

    /** Whether entry ids {@code id} names a live entry (tests and the multipart path). */
    synchronized boolean pendingEntry(String id) {
        Entry e = entries.get(id);
        return e != null && e.failure == null;
    }

    /**
     * Takes the pending entry an {@code upload_start} over HTTP announced for a file that now
     * arrives in a multipart post, so that its announced bytes leave the budget; returns its id, or
     * a new one.
     */
    synchronized String takeAnnounced(String uploadName, String clientName) {
        for (Iterator<Proxied> it = proxied.iterator(); it.hasNext(); ) {
            Proxied p = it.next();
            if (p.upload().equals(uploadName) && p.clientName().equals(clientName)) {
                it.remove();
                return p.id();
            }
        }
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.upload.name().equals(uploadName)
                    && e.clientName.equals(clientName)
                    && e.failure == null
                    && e.received == 0) {
                it.remove();
                delete(e);
                rewatch();
                return e.id;
            }
        }
        return "e" + nextId++;
    }

    /** Whether this connection announced a proxied file {@code clientName} of {@code upload}. */
    synchronized boolean announcedProxied(String upload, String clientName) {
        for (Proxied p : proxied) {
            if (p.upload().equals(upload) && p.clientName().equals(clientName)) {
                return true;
            }
        }
        return false;
    }

    /** Bytes this connection may still upload, its pending announcements counted. */
    synchronized long budgetLeft() {
        return rules.maxBytesPerConnection() - accepted - pending();
    }

    /** Counts {@code n} bytes that arrived outside the chunk path (a multipart post). */
    synchronized void accepted(long n) {
        accepted += n;
    }

    /** The entries {@code .lvt.Uploads} shows, by upload name. */
    synchronized Map<String, List<TemplateContext.UploadEntry>> snapshot() {
        if (shown.isEmpty()) {
            return Map.of();
        }
        Map<String, List<TemplateContext.UploadEntry>> out = new LinkedHashMap<>();
        shown.forEach(
                (name, byId) -> {
                    List<TemplateContext.UploadEntry> list = new ArrayList<>(byId.size());
                    byId.forEach(
                            (id, kept) -> {
                                Entry e = entries.get(id);
                                list.add(e == null ? kept : view(e));
                            });
                    out.put(name, list);
                });
        return out;
    }

    private static TemplateContext.UploadEntry view(Entry e) {
        return new TemplateContext.UploadEntry(
                e.id,
                e.clientName,
                e.clientType,
                e.size,
                percent(e),
                false,
                e.failure == null,
                e.failure == null ? "" : e.failure);
    }

    private static int percent(Entry e) {
        return (int) (e.size == 0 ? 100 : e.received * 100 / e.size);
    }

    /** Records how entry {@code id} of upload {@code name} ended, for {@code .lvt.Uploads}. */
    private void show(String name, TemplateContext.UploadEntry ended) {
        Map<String, TemplateContext.UploadEntry> byId = shown.get(name);
        if (byId != null && byId.containsKey(ended.id())) {
            byId.put(ended.id(), ended);
        }
    }

    private static TemplateContext.UploadEntry finished(Entry e) {
        return new TemplateContext.UploadEntry(
                e.id, e.clientName, e.clientType, e.size, 100, true, true, "");
    }

    /** Bytes announced by live entries that have not arrived yet. */
    private long pending() {
        long n = 0;
        for (Entry e : entries.values()) {
            if (e.failure == null) {
                n += e.size - e.received;
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ upload_start

    private Reply start(JsonNode root, PageSession<?> session, boolean http) throws Refused {
        String name = text(root, "upload_name");
        JsonNode files = root.get("files");
        if (files == null || !files.isArray()) {
            throw new Refused(name, "upload_start needs a \"files\" array");
        }
        UploadDeclaration d = rules.get(name);
        // A new selection replaces what is still pending for the same upload.
        proxied.removeIf(p -> p.upload().equals(name));
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.upload.name().equals(name)) {
                it.remove();
                delete(e);
            }
        }
        Map<String, TemplateContext.UploadEntry> view = new LinkedHashMap<>();
        if (d != null) {
            shown.put(name, view);
        }
        Utf8Buffer out = new Utf8Buffer(256);
        out.writeAscii("{\"upload_name\":");
        out.writeJsonString(name);
        out.writeAscii(",\"entries\":[");
        int valid = 0;
        int i = 0;
        List<Entry> previews = new ArrayList<>();
        long budget = rules.maxBytesPerConnection() - accepted - pending();
        for (JsonNode f : files) {
            String clientName = f.path("name").asText("");
            String type = f.path("type").asText("");
            if (type.isEmpty()) {
                type = "application/octet-stream";
            }
            long size = f.path("size").canConvertToLong() ? f.path("size").asLong(-1) : -1;
            String id = "e" + nextId++;
            String error = null;
            if (d == null) {
                error = "no upload named \"" + name + "\" on this page";
            } else if (valid >= d.maxEntries()) {
                error = "too many files: at most " + d.maxEntries();
            } else if (size < 0 || !f.path("size").isIntegralNumber()) {
                error = "the file size is missing";
            } else if (size > d.maxFileSize()) {
                error = "file too large: " + size + " bytes, at most " + d.maxFileSize();
            } else if (!UploadRules.accepts(d, type, clientName)) {
                error = "file type not accepted: " + type;
            } else if (size > budget) {
                error = "upload limit of this connection reached";
            }
            String mode = d == null ? UploadDeclaration.VOLUME : d.mode();
            Presigner.Signed signed = null;
            if (error == null && mode.equals(UploadDeclaration.DIRECT)) {
                Presigner p = rules.presigner();
                if (p == null) {
                    error = "direct upload needs a Presigner on this page";
                } else {
                    try {
                        signed =
                                p.presign(
                                        UploadedFile.metadata(
                                                name, id, clientName, type, size, null),
                                        session.visitor().groupId());
                        if (signed == null) {
                            error = "the server could not sign the upload";
                        }
                    } catch (Exception ex) {
                        LOG.warn("the Presigner failed for upload \"" + name + "\"", ex);
                        error = "the server could not sign the upload";
                    }
                }
            }
            if (i++ > 0) {
                out.writeByte(',');
            }
            out.writeAscii("{\"entry_id\":");
            out.writeJsonString(id);
            out.writeAscii(",\"client_name\":");
            out.writeJsonString(clientName);
            out.writeAscii(",\"valid\":");
            out.writeAscii(error == null ? "true" : "false");
            out.writeAscii(",\"auto_upload\":");
            out.writeAscii(d == null || d.autoUpload() ? "true" : "false");
            out.writeAscii(",\"mode\":");
            out.writeJsonString(mode);
            if (signed != null) {
                writeExternal(out, signed);
            }
            if (error != null) {
                out.writeAscii(",\"error\":");
                out.writeJsonString(error);
                rules.refused(error);
            } else {
                valid++;
                Entry e =
                        new Entry(
                                id,
                                d,
                                clientName,
                                type,
                                size,
                                ImageSignature.claimed(type, clientName));
                if (mode.equals(UploadDeclaration.PREVIEW)) {
                    previews.add(e); // nothing will arrive: the action gets the metadata now
                } else if (mode.equals(UploadDeclaration.PROXIED) && !http) {
                    // The client posts a proxied file over HTTP; the post finds this connection
                    // by it and runs here. No entry: the post's own bounds apply, not the sweep.
                    proxied.add(new Proxied(id, name, clientName));
                } else {
                    budget -= size;
                    if (signed != null) {
                        e.ref = signed.url();
                    }
                    entries.put(id, e);
                }
            }
            out.writeByte('}');
            view.put(
                    id,
                    new TemplateContext.UploadEntry(
                            id,
                            clientName,
                            type,
                            Math.max(size, 0),
                            error == null && mode.equals(UploadDeclaration.PREVIEW) ? 100 : 0,
                            error == null && mode.equals(UploadDeclaration.PREVIEW),
                            error == null,
                            error == null ? "" : error));
        }
        out.writeAscii("]}");
        byte[] startReply = out.toByteArray();
        if (previews.isEmpty()) {
            return Reply.of(startReply);
        }
        List<UploadedFile> shown = new ArrayList<>(previews.size());
        for (Entry e : previews) {
            shown.add(UploadedFile.metadata(name, e.id, e.clientName, e.clientType, e.size, null));
        }
        Inbound act = new Inbound(d.action(), Map.of(), "");
        Reply update = session.receiveWithUploads(act, Map.of(name, List.copyOf(shown)));
        if (http) {
            return Reply.of(startReply); // the state is kept; the next response shows it
        }
        List<byte[]> sent = new ArrayList<>(update.messages().size() + 1);
        sent.add(startReply);
        sent.addAll(update.messages());
        return new Reply(sent, update.failure());
    }

    /** {@code ,"external":{"uploader":…,"url":…,"fields":{…},"headers":{…}}}. */
    private static void writeExternal(Utf8Buffer out, Presigner.Signed s) {
        out.writeAscii(",\"external\":{\"uploader\":");
        out.writeJsonString(s.uploader());
        out.writeAscii(",\"url\":");
        out.writeJsonString(s.url());
        out.writeAscii(",\"fields\":");
        writeObject(out, s.fields());
        out.writeAscii(",\"headers\":");
        writeObject(out, s.headers());
        out.writeByte('}');
    }

    private static void writeObject(Utf8Buffer out, Map<String, String> m) {
        out.writeByte('{');
        int i = 0;
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(m).entrySet()) {
            if (i++ > 0) {
                out.writeByte(',');
            }
            out.writeJsonString(e.getKey());
            out.writeByte(':');
            out.writeJsonString(e.getValue());
        }
        out.writeByte('}');
    }

    // ------------------------------------------------------------------ upload_chunk

    private Reply chunk(JsonNode root, PageSession<?> session) throws Refused {
        String id = text(root, "entry_id");
        Entry e = entries.get(id);
        if (e == null) {
            throw new Refused("", "no upload entry \"" + id + "\"");
        }
        if (e.failure != null) {
            return Reply.NONE; // already refused and answered; later chunks are dropped quietly
        }
        if (!e.upload.mode().equals(UploadDeclaration.VOLUME)) {
            fail(e, "upload \"" + e.upload.name() + "\" takes no chunks (" + e.upload.mode() + ")");
        }
        e.lastNanos = System.nanoTime();
        {
            JsonNode offset = root.get("offset");
            if (offset == null || !offset.canConvertToLong() || !offset.isIntegralNumber()) {
                fail(e, "chunk without an offset");
            }
            long at = offset.asLong();
            if (at != e.received) {
                fail(
                        e,
                        (at < e.received ? "overlapping" : "out-of-order")
                                + " chunk at offset "
                                + at
                                + ", expected "
                                + e.received);
            }
            JsonNode total = root.get("total");
            if (total != null && total.canConvertToLong() && total.asLong() != e.size) {
                fail(e, "chunk total " + total.asLong() + " differs from the announced " + e.size);
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(text(root, "chunk_base64"));
            } catch (IllegalArgumentException bad) {
                fail(e, "chunk is not valid base64");
                return Reply.NONE; // not reached
            }
            if (e.received + bytes.length > e.size) {
                fail(e, "more bytes than the announced " + e.size);
            }
            if (accepted + bytes.length > rules.maxBytesPerConnection()) {
                fail(e, "upload limit of this connection reached");
            }
            write(e, bytes);
            e.received += bytes.length;
            accepted += bytes.length;
            if (e.headLength < ImageSignature.LONGEST) {
                int n = Math.min(ImageSignature.LONGEST - e.headLength, bytes.length);
                System.arraycopy(bytes, 0, e.head, e.headLength, n);
                e.headLength += n;
                checkSignature(e, e.received == e.size);
            }
            int before = (int) ((e.received - bytes.length) * 10 / Math.max(e.size, 1));
            int after = (int) (e.received * 10 / Math.max(e.size, 1));
            if (after != before && session != null) {
                // .lvt.Uploads shows progress by tenths: at most 11 renders per file.
                byte[] refreshed = session.refreshUploads();
                if (refreshed != null) {
                    return new Reply(List.of(progress(e), refreshed), null);
                }
            }
            return Reply.of(progress(e));
        }
    }

    private void write(Entry e, byte[] bytes) throws Refused {
        try {
            if (e.channel == null) {
                e.file = rules.newFile();
                e.channel = FileChannel.open(e.file, StandardOpenOption.WRITE);
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                e.channel.write(b);
            }
        } catch (IOException io) {
            LOG.warn("could not stage an upload", io);
            fail(e, "the server could not store the file");
        }
    }

    /** Refuses a file whose leading bytes contradict the image type it claims. */
    private void checkSignature(Entry e, boolean last) throws Refused {
        if (e.image == null) {
            return;
        }
        if (e.headLength < ImageSignature.LONGEST && !last) {
            return; // wait for more bytes
        }
        if (!e.image.matches(e.head, e.headLength)) {
            fail(e, "file content is not " + e.image.mime());
        }
    }

    private static byte[] progress(Entry e) {
        Utf8Buffer out = new Utf8Buffer(160);
        out.writeAscii("{\"type\":\"upload_progress\",\"upload_name\":");
        out.writeJsonString(e.upload.name());
        out.writeAscii(",\"entry_id\":");
        out.writeJsonString(e.id);
        out.writeAscii(",\"client_name\":");
        out.writeJsonString(e.clientName);
        out.writeAscii(",\"progress\":");
        out.writeLong(e.size == 0 ? 100 : e.received * 100 / e.size);
        out.writeAscii(",\"bytes_recv\":");
        out.writeLong(e.received);
        out.writeAscii(",\"bytes_total\":");
        out.writeLong(e.size);
        out.writeByte('}');
        return out.toByteArray();
    }

    // ------------------------------------------------------------------ upload_complete

    private Reply complete(JsonNode root, PageSession<?> session) throws Refused {
        String name = text(root, "upload_name");
        JsonNode ids = root.get("entry_ids");
        JsonNode described = root.get("entries");
        if ((ids == null || !ids.isArray()) && described != null && described.isArray()) {
            // Over HTTP the client names a direct upload's entries by the URL it PUT them to.
            List<String> found = new ArrayList<>();
            for (JsonNode d : described) {
                String ref = d.path("ref").asText("");
                String id = null;
                for (Entry e : entries.values()) {
                    if (e.upload.name().equals(name) && ref.equals(e.ref)) {
                        id = e.id;
                    }
                }
                found.add(id == null ? "unknown ref" : id);
            }
            ids = engineMapper().valueToTree(found);
        }
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            return completion(name, "upload_complete needs \"entry_ids\"");
        }
        List<Entry> done = new ArrayList<>();
        String problem = null;
        for (JsonNode idNode : ids) {
            Entry e = entries.get(idNode.asText(""));
            if (e == null || !e.upload.name().equals(name)) {
                problem = "no upload entry \"" + idNode.asText("") + "\" for \"" + name + "\"";
            } else if (e.failure != null) {
                problem = e.failure;
            } else if (e.upload.mode().equals(UploadDeclaration.DIRECT)) {
                // The bytes went to the presigned URL; the server only records the completion.
            } else if (!e.upload.mode().equals(UploadDeclaration.VOLUME)) {
                problem = "upload \"" + name + "\" completes over HTTP, not with upload_complete";
            } else if (e.received != e.size) {
                problem = "incomplete file: " + e.received + " of " + e.size + " bytes arrived";
            } else {
                try {
                    checkSignature(e, true);
                } catch (Refused r) {
                    problem = r.getMessage();
                }
            }
            if (e != null && e.upload.name().equals(name)) {
                done.add(e);
            }
        }
        if (problem != null) {
            rules.refused(problem);
            for (Entry e : done) {
                entries.remove(e.id);
                if (e.failure == null) {
                    e.failure = problem;
                }
                show(name, view(e));
                delete(e);
            }
            return completion(name, problem);
        }
        List<UploadedFile> files = new ArrayList<>(done.size());
        try {
            for (Entry e : done) {
                entries.remove(e.id);
                show(name, finished(e));
                close(e);
                if (e.ref != null) {
                    files.add(
                            UploadedFile.metadata(
                                    name, e.id, e.clientName, e.clientType, e.size, e.ref));
                    continue;
                }
                if (e.file == null) {
                    e.file = rules.newFile(); // an empty file: no chunk arrived
                }
                files.add(new UploadedFile(name, e.id, e.clientName, e.clientType, e.size, e.file));
            }
        } catch (IOException io) {
            LOG.warn("could not stage an upload", io);
            done.forEach(UploadSession::delete);
            return completion(name, "the server could not store the file");
        }
        Reply update;
        try {
            Inbound act = new Inbound(done.get(0).upload.action(), Map.of(), "");
            update = session.receiveWithUploads(act, Map.of(name, List.copyOf(files)));
        } finally {
            for (Entry e : done) {
                delete(e);
            }
        }
        List<byte[]> out = new ArrayList<>(update.messages().size() + 1);
        out.add(completion(name, null).last());
        out.addAll(update.messages());
        return new Reply(out, update.failure());
    }

    /** {@code {"upload_name":…,"success":…}} (the client only logs it). */
    private static Reply completion(String name, String error) {
        Utf8Buffer out = new Utf8Buffer(96);
        out.writeAscii("{\"upload_name\":");
        out.writeJsonString(name);
        out.writeAscii(error == null ? ",\"success\":true" : ",\"success\":false,\"error\":");
        if (error != null) {
            out.writeJsonString(error);
        }
        out.writeByte('}');
        return Reply.of(out.toByteArray());
    }

    // ------------------------------------------------------------------ cancel_upload

    private Reply cancel(JsonNode root) {
        Entry e = entries.remove(text(root, "entry_id"));
        if (e != null) {
            Map<String, TemplateContext.UploadEntry> byId = shown.get(e.upload.name());
            if (byId != null) {
                byId.remove(e.id);
            }
            delete(e);
        }
        return Reply.NONE;
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Ends entry {@code e}: its file goes, its later chunks are dropped, and the chunk is refused.
     */
    private void fail(Entry e, String why) throws Refused {
        e.failure = why;
        show(e.upload.name(), view(e));
        delete(e);
        throw new Refused(e.upload.name(), why);
    }

    private static void close(Entry e) {
        if (e.channel != null) {
            try {
                e.channel.close();
            } catch (IOException io) {
                LOG.debug("closing a staged upload failed", io);
            }
            e.channel = null;
        }
    }

    private static void delete(Entry e) {
        close(e);
        if (e.file != null) {
            try {
                Files.deleteIfExists(e.file);
            } catch (IOException io) {
                LOG.warn("could not delete a staged upload", io);
            }
            e.file = null;
        }
    }

    private static com.fasterxml.jackson.databind.ObjectMapper engineMapper() {
        return MAPPER;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        return n != null && n.isTextual() ? n.textValue() : "";
    }

    private static Reply failure(String key, String message, String action) {
        Utf8Buffer out = new Utf8Buffer(128);
        Outbound.failure(out, Map.of(key.isEmpty() ? Outcome.ERROR_KEY : key, message), action);
        return Reply.of(out.toByteArray());
    }

    /** A refused message; {@link #key} is the upload name the error is reported under. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final String key;

        Refused(String key, String message) {
            super(message, null, false, false);
            this.key = key;
        }
    }
}
