package io.github.livetemplate.session;

import io.undertow.server.HttpHandler;
import io.undertow.util.AttachmentKey;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.xnio.IoUtils;

/**
 * Internal: the WebSocket side of a live page. The HTTP layer checks the origin, resolves the
 * session and attaches an {@link Upgrade} to the exchange before handing it to
 * {@link #handshakeHandler()}; each accepted socket becomes a {@link LiveConnection} with its own
 * bounded {@link SerialQueue}.
 *
 * @param <S> the state record type
 */
public final class WebSocketEndpoint<S> implements WebSocketConnectionCallback {
  private static final Logger LOG = Logger.getLogger("io.github.livetemplate");

  /** What the HTTP layer learned from the upgrade request. */
  public record Upgrade(String groupId, boolean persistentGroup, String path,
      Map<String, String> query) {}

  /** The exchange attachment carrying the {@link Upgrade}. */
  public static final AttachmentKey<Upgrade> UPGRADE = AttachmentKey.create(Upgrade.class);

  private final PageEngine<S> engine;
  private final HttpStates<S> httpStates;
  private final int maxMessageBytes;
  private final int queueCapacity;
  private final WebSocketProtocolHandshakeHandler handshake;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();

  /**
   * @param notWebSocket handles upgrade requests the handshake does not accept
   */
  public WebSocketEndpoint(PageEngine<S> engine, HttpStates<S> httpStates, int maxMessageBytes,
      int queueCapacity, HttpHandler notWebSocket) {
    this.engine = engine;
    this.httpStates = httpStates;
    this.maxMessageBytes = maxMessageBytes;
    this.queueCapacity = queueCapacity;
    this.handshake = new WebSocketProtocolHandshakeHandler(this, notWebSocket);
  }

  /** Performs the handshake for a request carrying an {@link #UPGRADE} attachment. */
  public HttpHandler handshakeHandler() {
    return handshake;
  }

  /** Open connections. */
  public int openConnections() {
    return open.get();
  }

  /** Messages dropped because a connection's queue was full. */
  public long droppedMessages() {
    return dropped.get();
  }

  @Override
  public void onConnect(WebSocketHttpExchange exchange, WebSocketChannel channel) {
    Upgrade upgrade = exchange.getAttachment(UPGRADE);
    if (upgrade == null) {
      LOG.warning("WebSocket without session information; closing");
      IoUtils.safeClose(channel);
      return;
    }
    SerialQueue queue = new SerialQueue(channel.getWorker(), queueCapacity);
    LiveConnection<S> conn = new LiveConnection<>(channel, queue, engine, httpStates, upgrade);
    open.incrementAndGet();
    channel.addCloseTask(ch -> {
      open.decrementAndGet();
      queue.force(conn::closed);
    });
    channel.getReceiveSetter().set(new Receiver(conn));
    queue.force(conn::connect);
    channel.resumeReceives();
  }

  private final class Receiver extends AbstractReceiveListener {
    private final LiveConnection<S> conn;

    Receiver(LiveConnection<S> conn) {
      this.conn = conn;
    }

    @Override
    protected long getMaxTextBufferSize() {
      return maxMessageBytes;
    }

    @Override
    protected long getMaxBinaryBufferSize() {
      return maxMessageBytes;
    }

    @Override
    protected void onFullTextMessage(WebSocketChannel channel, BufferedTextMessage message) {
      String text = message.getData();
      if (!conn.queue().offer(() -> conn.receive(text))) {
        long n = dropped.incrementAndGet();
        LOG.log(Level.WARNING, "dropped a WebSocket message: the connection''s queue is full"
            + " ({0} dropped in total)", n);
      }
    }

    @Override
    protected void onFullBinaryMessage(WebSocketChannel channel, BufferedBinaryMessage message) {
      // The client never sends binary frames; ignore them.
      message.getData().free();
    }

    @Override
    protected void onError(WebSocketChannel channel, Throwable error) {
      if (channel.isCloseFrameSent()) {
        // An over-large message: Undertow has queued a 1009 close frame. Give it time to reach
        // the client before the connection is torn down.
        LOG.log(Level.FINE, "closing a WebSocket after an over-large message", error);
        channel.getIoThread().executeAfter(() -> IoUtils.safeClose(channel), 2,
            TimeUnit.SECONDS);
        return;
      }
      if (!(error instanceof IOException)) {
        LOG.log(Level.WARNING, "WebSocket error; closing", error);
      } else {
        LOG.log(Level.FINE, "WebSocket I/O error; closing", error);
      }
      IoUtils.safeClose(channel);
    }
  }
}
