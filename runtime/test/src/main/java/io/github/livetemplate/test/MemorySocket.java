package io.github.livetemplate.test;

import io.github.livetemplate.runtime.engine.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/** The in-memory transport of one {@link LiveView}: keeps what was sent and how it was closed. */
final class MemorySocket implements Socket {
    private final List<String> sent = new ArrayList<>();
    private final Executor executor;
    private boolean closeSent;
    private int closeCode;
    private String closeReason;

    MemorySocket(Executor executor) {
        this.executor = executor;
    }

    @Override
    public synchronized boolean canSend() {
        return !closeSent;
    }

    @Override
    public synchronized void send(byte[] utf8Json) {
        sent.add(new String(utf8Json, StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void close(int code, String reason) {
        if (!closeSent) {
            closeSent = true;
            closeCode = code;
            closeReason = reason;
        }
    }

    @Override
    public Executor executor() {
        return executor;
    }

    /** The frames sent since the last call, and forgets them. */
    synchronized List<String> take() {
        List<String> out = List.copyOf(sent);
        sent.clear();
        return out;
    }

    synchronized boolean closed() {
        return closeSent;
    }

    synchronized int closeCode() {
        return closeCode;
    }

    synchronized String closeReason() {
        return closeReason;
    }
}
