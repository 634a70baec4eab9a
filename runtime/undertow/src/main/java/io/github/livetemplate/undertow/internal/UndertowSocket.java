package io.github.livetemplate.undertow.internal;

import io.github.livetemplate.runtime.engine.Socket;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.xnio.IoUtils;

/** The engine's {@link Socket} over an Undertow WebSocket channel. */
final class UndertowSocket implements Socket {
    private static final Logger LOG = Logger.getLogger("io.github.livetemplate");

    private static final WebSocketCallback<Void> ON_SEND =
            new WebSocketCallback<>() {
                @Override
                public void complete(WebSocketChannel channel, Void context) {}

                @Override
                public void onError(WebSocketChannel channel, Void context, Throwable throwable) {
                    LOG.log(Level.FINE, "WebSocket send failed; closing", throwable);
                    IoUtils.safeClose(channel);
                }
            };

    private final WebSocketChannel channel;

    UndertowSocket(WebSocketChannel channel) {
        this.channel = channel;
    }

    @Override
    public boolean canSend() {
        return channel.isOpen() && !channel.isCloseFrameSent();
    }

    @Override
    public void send(byte[] utf8Json) {
        WebSockets.sendText(ByteBuffer.wrap(utf8Json), channel, ON_SEND);
    }

    @Override
    public void close(int code, String reason) {
        WebSockets.sendClose(code, reason, channel, null);
    }

    @Override
    public Executor executor() {
        return channel.getWorker();
    }
}
