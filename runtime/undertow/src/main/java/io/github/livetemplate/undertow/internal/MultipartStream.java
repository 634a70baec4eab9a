package io.github.livetemplate.undertow.internal;

import io.github.livetemplate.runtime.engine.BulkInputStream;
import io.github.livetemplate.runtime.engine.MultipartUpload;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Internal: a {@code multipart/form-data} body (RFC 7578) read part by part from a blocking stream
 * through one fixed buffer, so that a file part streams through without being held: the engine's
 * upload checks see its bytes as they arrive. Headers of a part are bounded ({@link
 * #MAX_HEADER_BYTES}); a body that ends without its closing delimiter is an error.
 */
final class MultipartStream implements MultipartUpload.Parts {
    static final int MAX_HEADER_BYTES = 8 * 1024;
    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    private final byte[] delimiter; // CRLF "--" boundary
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int lim;
    private boolean eof;

    private Body current;
    private boolean finished;

    /**
     * @param boundary the {@code boundary} parameter of the request's {@code Content-Type}
     */
    MultipartStream(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        // The first delimiter may open the body without a CRLF before it.
        buf[0] = '\r';
        buf[1] = '\n';
        lim = 2;
    }

    /** The boundary of a multipart {@code Content-Type}, or {@code null}. */
    static String boundary(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring("boundary=".length()).trim();
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                return b.isEmpty() || b.length() > 70 ? null : b;
            }
        }
        return null;
    }

    @Override
    public MultipartUpload.Part next() throws IOException {
        if (finished) {
            return null;
        }
        if (current == null) {
            new Body().transferTo(java.io.OutputStream.nullOutputStream()); // the preamble
        } else {
            current.transferTo(
                    java.io.OutputStream.nullOutputStream()); // the rest of the last part
        }
        // After a delimiter: "--" ends the body, CRLF starts a part.
        ensure(2);
        if (lim - pos >= 2 && buf[pos] == '-' && buf[pos + 1] == '-') {
            finished = true;
            current = null;
            return null;
        }
        skipLineEnd();
        String name = null;
        String fileName = null;
        String type = "";
        int headerBytes = 0;
        while (true) {
            String line = line();
            headerBytes += line.length() + 2;
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new IOException("multipart part headers too large");
            }
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String h = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String v = line.substring(colon + 1).trim();
            if (h.equals("content-disposition")) {
                name = param(v, "name");
                fileName = param(v, "filename");
            } else if (h.equals("content-type")) {
                type = v;
            }
        }
        if (name == null) {
            throw new IOException("multipart part without a name");
        }
        current = new Body();
        final String n = name;
        final String f = fileName;
        final String t = type;
        final Body body = current;
        return new MultipartUpload.Part() {
            @Override
            public String name() {
                return n;
            }

            @Override
            public String fileName() {
                return f;
            }

            @Override
            public String contentType() {
                return t;
            }

            @Override
            public InputStream body() {
                return body;
            }
        };
    }

    /** A parameter of a {@code Content-Disposition} value, unquoted; {@code null} when absent. */
    static String param(String value, String key) {
        int i = 0;
        int n = value.length();
        while (i < n) {
            int semi = value.indexOf(';', i);
            if (semi < 0) {
                return null;
            }
            i = semi + 1;
            while (i < n && value.charAt(i) == ' ') {
                i++;
            }
            int eq = value.indexOf('=', i);
            if (eq < 0) {
                return null;
            }
            String k = value.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            StringBuilder v = new StringBuilder();
            if (i < n && value.charAt(i) == '"') {
                i++;
                while (i < n && value.charAt(i) != '"') {
                    char c = value.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        c = value.charAt(++i);
                    }
                    v.append(c);
                    i++;
                }
                i++; // the closing quote
            } else {
                while (i < n && value.charAt(i) != ';') {
                    v.append(value.charAt(i++));
                }
            }
            if (k.equals(key)) {
                // Header bytes were read as ISO-8859-1; browsers send UTF-8 names.
                return new String(
                        v.toString().trim().getBytes(StandardCharsets.ISO_8859_1),
                        StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ buffer

    /** Makes at least {@code n} bytes available unless the stream ends first. */
    private void ensure(int n) throws IOException {
        if (lim - pos >= n) {
            return;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        while (lim - pos < n && !eof) {
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                eof = true;
            } else {
                lim += r;
            }
        }
    }

    private void skipLineEnd() throws IOException {
        // Transport padding (spaces, tabs) may follow a delimiter before its CRLF.
        while (true) {
            ensure(2);
            if (lim - pos < 2) {
                throw new IOException("truncated multipart body");
            }
            if (buf[pos] == '\r' && buf[pos + 1] == '\n') {
                pos += 2;
                return;
            }
            if (buf[pos] != ' ' && buf[pos] != '\t') {
                throw new IOException("malformed multipart delimiter");
            }
            pos++;
        }
    }

    /** One header line without its CRLF (ISO-8859-1). */
    private String line() throws IOException {
        StringBuilder b = new StringBuilder();
        while (true) {
            ensure(2);
            if (lim - pos < 2) {
                throw new IOException("truncated multipart headers");
            }
            if (buf[pos] == '\r' && buf[pos + 1] == '\n') {
                pos += 2;
                return b.toString();
            }
            b.append((char) (buf[pos++] & 0xff));
            if (b.length() > MAX_HEADER_BYTES) {
                throw new IOException("multipart part headers too large");
            }
        }
    }

    /** The bytes of one part, up to the next delimiter (which it consumes). */
    private final class Body extends BulkInputStream {
        private boolean ended;

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (ended) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            while (true) {
                int at = indexOfDelimiter();
                if (at == pos) {
                    pos += delimiter.length;
                    ended = true;
                    return -1;
                }
                // Without a delimiter in view, all but its possible beginning is part data.
                int safe = at >= 0 ? at : lim - delimiter.length + 1;
                if (safe > pos) {
                    int n = Math.min(len, safe - pos);
                    System.arraycopy(buf, pos, b, off, n);
                    pos += n;
                    return n;
                }
                if (eof) {
                    throw new IOException("truncated multipart body");
                }
                ensure(lim - pos + 1);
            }
        }

        private int indexOfDelimiter() {
            byte first = delimiter[0];
            outer:
            for (int i = pos; i <= lim - delimiter.length; i++) {
                if (buf[i] != first) {
                    continue;
                }
                for (int j = 1; j < delimiter.length; j++) {
                    if (buf[i + j] != delimiter[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
