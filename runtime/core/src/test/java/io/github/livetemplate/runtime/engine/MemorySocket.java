package io.github.livetemplate.runtime.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/** An in-memory {@link Socket}: keeps what was sent and how it was closed. */
final class MemorySocket implements Socket {
    private final List<String> sent = new ArrayList<>();
    private final Executor executor;
    private boolean closeSent;
    int closeCode;
    String closeReason;

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
        closeSent = true;
        closeCode = code;
        closeReason = reason;
    }

    @Override
    public Executor executor() {
        return executor;
    }

    /** The frames sent so far, and forgets them. */
    synchronized List<String> take() {
        List<String> out = List.copyOf(sent);
        sent.clear();
        return out;
    }

    synchronized boolean closed() {
        return closeSent;
    }
}
