package io.github.livetemplate.runtime.engine;

import io.github.livetemplate.runtime.Flash;
import io.github.livetemplate.runtime.FrameListener;
import io.github.livetemplate.runtime.LiveRenderer;
import io.github.livetemplate.runtime.Utf8Buffer;
import io.github.livetemplate.runtime.engine.Inbound;
import io.github.livetemplate.runtime.engine.Outbound;
import java.nio.charset.StandardCharsets;
import io.github.livetemplate.runtime.TopicForbiddenException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One live connection of a page (a WebSocket, or any {@link Socket}). Holds the connection's state (exactly what
 * the client was last sent) and flash messages; every method runs on the connection's
 * {@link SerialQueue}, one at a time, on a worker thread.
 *
 * @param <S> the state record type
 */
public final class LiveConnection<S> {
  private static final Logger LOG = Logger.getLogger("io.github.livetemplate");

  /** Close code for a server-side failure (RFC 6455 §7.4.1, 1011). */
  private static final int UNEXPECTED_ERROR = 1011;

  private final Socket socket;
  private final SerialQueue queue;
  private final PageEngine<S> engine;
  private final LiveRenderer<S> renderer;
  private final HttpStates<S> httpStates;
  private final PushHub<S> push;
  /** Subscribed topics and patterns; guarded by the hub's lock. */
  private final Set<String> topics = new HashSet<>();
  private final Upgrade upgrade;
  private final Utf8Buffer out = new Utf8Buffer(4096);
  /** What this connection last loaded from or saved to the session store; null: no cookie. */
  private final PersistMark persisted;

  private Map<String, String> query;
  private S state;
  private Flash flash = Flash.none();
  private boolean live;
  private volatile boolean closed;

  public LiveConnection(Socket socket, SerialQueue queue, PageEngine<S> engine,
      HttpStates<S> httpStates, PushHub<S> push, Upgrade upgrade) {
    this.push = push;
    this.socket = socket;
    this.queue = queue;
    this.engine = engine;
    this.renderer = engine.renderer();
    this.httpStates = httpStates;
    this.upgrade = upgrade;
    this.query = upgrade.query();
    this.persisted = upgrade.persistentGroup() ? new PersistMark() : null;
  }

  public SerialQueue queue() {
    return queue;
  }

  String groupId() {
    return upgrade.visitor().groupId();
  }

  String userId() {
    return upgrade.visitor().userId();
  }

  Set<String> topics() {
    return topics;
  }

  boolean isClosed() {
    return closed;
  }

  /** Queues a pushed action; false when the queue is full. Any thread. */
  boolean offerPush(PushHub.Fanout f) {
    return !closed && queue.offer(() -> runPushed(f));
  }

  /** Mounts, runs onConnect and pushes the full tree. */
  public void connect() {
    if (closed) {
      return;
    }
    PageEngine.Outcome<S> o;
    PushContext pc = push.context(this, false);
    try {
      o = engine.mount(engine.initialState(), upgrade.visitor(), false, query, Map.of(),
          Flash.none(), true, pc, persisted);
    } catch (TopicForbiddenException e) {
      // Protocol §3.4: tell the client, keep the socket open, and give it a usable page (the
      // initial state) so that it leaves its loading state.
      LOG.log(Level.FINE, "mount refused a topic on " + upgrade.path(), e);
      out.reset();
      out.writeAscii("{\"type\":\"error\",\"code\":\"topic_forbidden\",\"topic\":");
      out.writeJsonString(e.topic());
      out.writeByte('}');
      send();
      Map<String, String> errors = Map.of(PageEngine.ERROR_KEY, e.getMessage());
      try {
        o = new PageEngine.Outcome<>(engine.withPageData(engine.initialState(),
            io.github.livetemplate.runtime.FieldErrors.of(errors), Flash.none()), Flash.none(), errors,
            false);
      } catch (RuntimeException e2) {
        o = new PageEngine.Outcome<>(engine.initialState(), Flash.none(), errors, false);
      }
      pc = null;
    } catch (Exception | LinkageError | StackOverflowError e) {
      LOG.log(Level.WARNING, "mount failed for a WebSocket on " + upgrade.path(), e);
      socket.close(UNEXPECTED_ERROR, "mount failed");
      return;
    }
    try {
      out.reset();
      Outbound.beginUpdate(out);
      renderer.writeTree(o.state(), out);
      Outbound.endUpdate(out, o.errors(), null);
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      LOG.log(Level.WARNING, "rendering the first tree failed on " + upgrade.path(), e);
      socket.close(UNEXPECTED_ERROR, "render failed");
      return;
    }
    state = o.state();
    flash = o.flash();
    live = true;
    push.register(this);
    if (pc != null) {
      pc.commit(false, o.success());
    }
    send();
  }

  /** Runs a triggered or published action and sends its update. */
  private void runPushed(PushHub.Fanout f) {
    if (!live || closed) {
      return;
    }
    PushContext pc = push.context(this, true);
    S previous = state;
    PageEngine.Outcome<S> o = engine.act(previous, flash, f.message(), upgrade.visitor(), false,
        query, pc, persisted);
    byte[] bytes;
    if (o.failed()) {
      out.reset();
      Outbound.failure(out, o.errors(), null);
      bytes = out.toByteArray();
    } else {
      S next = o.state();
      try {
        bytes = o.success()
            ? f.update(previous, next, () -> update(previous, next, o.errors()))
            : update(previous, next, o.errors());
      } catch (RuntimeException | LinkageError | StackOverflowError e) {
        LOG.log(Level.WARNING, "rendering after pushed action \"" + f.action() + "\" failed", e);
        out.reset();
        Outbound.failure(out, Map.of(PageEngine.ERROR_KEY,
            "action \"" + f.action() + "\" failed (render error)"), null);
        send();
        return;
      }
      state = next;
      flash = o.flash();
      pc.commit(false, o.success());
    }
    send(bytes);
  }

  /** Renders a pushed action's update (no {@code meta.action}) and returns its bytes. */
  private byte[] update(S previous, S next, Map<String, String> errors) {
    out.reset();
    Outbound.beginUpdate(out);
    renderer.writeDiff(previous, next, out);
    Outbound.endUpdate(out, errors, null);
    return out.toByteArray();
  }

  /** Handles one text frame. */
  public void receive(String text) {
    if (!live || closed) {
      return;
    }
    engine.observe(FrameListener.Transport.WEBSOCKET, FrameListener.Direction.RECEIVED,
        upgrade.path(), text);
    Inbound msg;
    try {
      msg = Inbound.parse(text);
    } catch (Inbound.MalformedException e) {
      out.reset();
      Outbound.failure(out, Map.of(PageEngine.ERROR_KEY, e.getMessage()), e.action());
      send();
      return;
    }
    String action = msg.action();
    if (action.equals(Inbound.PING)) {
      if (engine.observed()) {
        engine.observe(FrameListener.Transport.WEBSOCKET, FrameListener.Direction.SENT,
            upgrade.path(), new String(Outbound.PONG, StandardCharsets.UTF_8));
      }
      socket.send(Outbound.PONG);
      return;
    }
    boolean navigate = action.equals(Inbound.NAVIGATE);
    PushContext pc = push.context(this, false);
    PageEngine.Outcome<S> o = navigate
        ? engine.navigate(state, flash, msg, upgrade.visitor(), false, pc, persisted)
        : engine.act(state, flash, msg, upgrade.visitor(), false, query, pc, persisted);
    out.reset();
    if (o.failed()) {
      Outbound.failure(out, o.errors(), action);
    } else {
      try {
        Outbound.beginUpdate(out);
        renderer.writeDiff(state, o.state(), out);
        Outbound.endUpdate(out, o.errors(), action);
      } catch (RuntimeException | LinkageError | StackOverflowError e) {
        LOG.log(Level.WARNING, "rendering after action \"" + action + "\" failed", e);
        out.reset();
        Outbound.failure(out, Map.of(PageEngine.ERROR_KEY,
            "action \"" + action + "\" failed (render error)"), action);
        send();
        return;
      }
      state = o.state();
      flash = o.flash();
      if (navigate) {
        query = msg.dataAsQuery();
      }
      pc.commit(false, o.success());
    }
    send();
  }

  /** The socket closed: onDisconnect, then the state becomes the group's HTTP state. */
  public void closed() {
    if (closed) {
      return;
    }
    closed = true;
    if (!live) {
      return;
    }
    live = false;
    push.unregister(this);
    PushContext pc = push.context(null, false); // no connection any more: publishes only
    if (engine.disconnect(state, upgrade.visitor(), query, flash, pc)) {
      pc.commit(false, true);
    }
    if (upgrade.persistentGroup()) {
      httpStates.adopt(upgrade.visitor().groupId(), upgrade.path(), state, flash, persisted,
          socket.executor());
    }
  }

  private void send() {
    if (!socket.canSend()) {
      return;
    }
    send(out.toByteArray());
  }

  private void send(byte[] bytes) {
    if (!socket.canSend()) {
      return;
    }
    if (engine.observed()) {
      engine.observe(FrameListener.Transport.WEBSOCKET, FrameListener.Direction.SENT,
          upgrade.path(), new String(bytes, StandardCharsets.UTF_8));
    }
    socket.send(bytes);
  }
}
