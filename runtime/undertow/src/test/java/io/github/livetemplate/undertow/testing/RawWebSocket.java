package io.github.livetemplate.undertow.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A WebSocket client on a plain socket that writes any frame, valid or not (invalid UTF-8, reserved
 * opcodes and bits, unmasked, oversized, stray continuations), which the JDK client cannot. A
 * daemon thread reads and discards what the server sends, counting text frames and recording the
 * close code, so that a server that answers never blocks on this client.
 */
public final class RawWebSocket implements AutoCloseable {
    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    private final Socket socket;
    private final OutputStream out;
    private final Thread reader;

    /** Text and binary messages received (final frames). */
    public final AtomicLong messages = new AtomicLong();

    /** The server's close code (or -1 when the connection ended without a close frame). */
    public final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.reader = new Thread(this::readLoop, "raw-ws-reader");
        reader.setDaemon(true);
    }

    /** Opens a WebSocket to {@code path} on 127.0.0.1:{@code port} (handshake bounded by 5 s). */
    public static RawWebSocket connect(int port, String path, String... headers)
            throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setTcpNoDelay(true);
            handshake(s, port, path, headers);
            RawWebSocket ws = new RawWebSocket(s);
            ws.reader.start();
            return ws;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * A client that completes the handshake and never reads again, with a 4 KiB receive buffer: the
     * server's frames back up after a few kilobytes (a client that stopped reading).
     */
    public static Socket stalled(int port, String path) throws IOException {
        Socket s = new Socket();
        try {
            s.setReceiveBufferSize(4096);
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            handshake(s, port, path);
            s.setSoTimeout(5000); // a test that reads it later waits boundedly
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Sends the upgrade request and reads the 101 answer, within 5 s. */
    private static void handshake(Socket s, int port, String path, String... headers)
            throws IOException {
        s.setSoTimeout(5000);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        StringBuilder req =
                new StringBuilder("GET ")
                        .append(path)
                        .append(" HTTP/1.1\r\nHost: 127.0.0.1:")
                        .append(port)
                        .append("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n")
                        .append("Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ")
                        .append(Base64.getEncoder().encodeToString(nonce))
                        .append("\r\nOrigin: http://127.0.0.1:")
                        .append(port)
                        .append("\r\n");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            req.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        req.append("\r\n");
        s.getOutputStream().write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
        String head = readHead(s.getInputStream());
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + head.lines().findFirst().orElse(""));
        }
        s.setSoTimeout(0);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0D0A0D0A) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed during the handshake");
            }
            b.write(c);
            last4 = (last4 << 8) | c;
            if (b.size() > 16384) {
                throw new IOException("handshake response too long");
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** A final, masked text frame. */
    public void text(String s) throws IOException {
        frame(true, 0, TEXT, true, s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes one frame exactly as given.
     *
     * @param fin the FIN bit
     * @param rsv the three RSV bits (0–7)
     * @param opcode 0–15
     * @param masked whether to mask (a client must)
     * @param payload the unmasked payload
     */
    public synchronized void frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload)
            throws IOException {
        int n = payload.length;
        byte[] head = new byte[14];
        int h = 0;
        head[h++] = (byte) ((fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0xF));
        int maskBit = masked ? 0x80 : 0;
        if (n < 126) {
            head[h++] = (byte) (maskBit | n);
        } else if (n < 65536) {
            head[h++] = (byte) (maskBit | 126);
            head[h++] = (byte) (n >>> 8);
            head[h++] = (byte) n;
        } else {
            head[h++] = (byte) (maskBit | 127);
            for (int i = 7; i >= 0; i--) {
                head[h++] = (byte) (i >= 4 ? 0 : (n >>> (8 * i)));
            }
        }
        byte[] body = payload;
        if (masked) {
            byte[] key = new byte[4];
            ThreadLocalRandom.current().nextBytes(key);
            System.arraycopy(key, 0, head, h, 4);
            h += 4;
            body = new byte[n];
            for (int i = 0; i < n; i++) {
                body[i] = (byte) (payload[i] ^ key[i & 3]);
            }
        }
        out.write(head, 0, h);
        out.write(body);
        out.flush();
    }

    /** Whether the server has closed (or the connection broke). */
    public boolean isClosed() {
        return closed.isDone();
    }

    /**
     * The payload length of a frame whose second byte is {@code b1}, reading the extended length
     * from {@code in} when there is one (RFC 6455 §5.2).
     */
    public static long payloadLength(int b1, InputStream in) throws IOException {
        long len = b1 & 0x7F;
        if (len == 126) {
            len = (in.read() << 8) | in.read();
        } else if (len == 127) {
            len = 0;
            for (int i = 0; i < 8; i++) {
                len = (len << 8) | in.read();
            }
        }
        return len;
    }

    private void readLoop() {
        try {
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 65536);
            while (true) {
                int b0 = in.read();
                int b1 = in.read();
                if (b0 < 0 || b1 < 0) {
                    closed.complete(-1);
                    return;
                }
                long len = payloadLength(b1, in);
                int opcode = b0 & 0xF;
                if (opcode == CLOSE) {
                    byte[] p = in.readNBytes((int) len);
                    closed.complete(p.length >= 2 ? ((p[0] & 0xFF) << 8) | (p[1] & 0xFF) : 1005);
                    return;
                }
                in.skipNBytes(len);
                if ((b0 & 0x80) != 0 && (opcode == TEXT || opcode == BINARY || opcode == 0)) {
                    messages.incrementAndGet();
                }
            }
        } catch (IOException e) {
            closed.complete(-1);
        }
    }

    /** Closes the socket at once (no close handshake). */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        closed.complete(-1);
    }
}
