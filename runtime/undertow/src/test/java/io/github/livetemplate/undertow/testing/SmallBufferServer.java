package io.github.livetemplate.undertow.testing;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import java.net.InetSocketAddress;
import org.xnio.Options;

/**
 * An Undertow on 127.0.0.1 (a free port) with small kernel send buffers (16 KiB), so that a client
 * that never reads backs up into the server after a few frames; on loopback the buffers grow to
 * megabytes otherwise.
 */
public final class SmallBufferServer {
    private SmallBufferServer() {}

    /** Starts a server serving {@code handler} below {@code prefix}. */
    public static Undertow start(String prefix, HttpHandler handler) {
        Undertow undertow =
                Undertow.builder()
                        .addHttpListener(0, "127.0.0.1")
                        .setSocketOption(Options.SEND_BUFFER, 16 * 1024)
                        .setHandler(Handlers.path().addPrefixPath(prefix, handler))
                        .build();
        undertow.start();
        return undertow;
    }

    /** The port {@code undertow} listens on. */
    public static int port(Undertow undertow) {
        return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }
}
