package io.github.livetemplate.runtime.engine;

import io.github.livetemplate.runtime.generated.Actions;
import io.github.livetemplate.runtime.Context;
import io.github.livetemplate.runtime.FieldErrors;
import io.github.livetemplate.runtime.Flash;
import io.github.livetemplate.runtime.FrameListener;
import io.github.livetemplate.runtime.LiveRenderer;
import io.github.livetemplate.runtime.session.MemorySessionStore;
import io.github.livetemplate.runtime.generated.PersistedFields;
import io.github.livetemplate.runtime.session.SessionStore;
import io.github.livetemplate.runtime.generated.TypeRef;
import io.github.livetemplate.runtime.TopicForbiddenException;
import io.github.livetemplate.runtime.engine.Inbound;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Internal: runs the lifecycle and actions of one live page (mount, onConnect, actions,
 * navigate, onDisconnect) and turns their results and failures into {@link Outcome}s. Shared by
 * the WebSocket and HTTP paths; holds no per-session state and is thread-safe.
 *
 * @param <S> the state record type
 */
public final class PageEngine<S> {
  private static final Logger LOG = Logger.getLogger("io.github.livetemplate");

  /** The key of a general (non-field) error in {@code meta.errors}. */
  public static final String ERROR_KEY = "_error";

  private final LiveRenderer<S> renderer;
  private final Actions<S> actions;
  private final S initialState;
  private final FrameListener frames;
  private final SessionStore store;
  /** Whether the state record has {@code @Persist} components (else the store is never used). */
  private final boolean persists;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** {@code frames} observes every message, or is null; {@code store} keeps persisted fields. */
  public PageEngine(LiveRenderer<S> renderer, Actions<S> actions, S initialState,
      FrameListener frames, SessionStore store) {
    this.renderer = Objects.requireNonNull(renderer, "renderer");
    this.actions = Objects.requireNonNull(actions, "actions");
    this.initialState = Objects.requireNonNull(initialState, "initialState");
    this.frames = frames;
    this.store = Objects.requireNonNull(store, "store");
    Map<String, Object> fields = actions.persistedFields(initialState);
    this.persists = fields != null && !fields.isEmpty();
  }

  /** Whether the state has persisted components. */
  public boolean persists() {
    return persists;
  }

  // ------------------------------------------------------------------ persisted state

  /** {@code base} with the group's stored persisted components applied; never throws. */
  private S restore(S base, String groupId, PersistMark mark) {
    if (!persists || mark == null) {
      return base;
    }
    byte[] json;
    try {
      json = store.load(groupId);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "the session store failed to load; starting from initial values", e);
      return base;
    }
    mark.last = json;
    if (json == null) {
      return base;
    }
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node == null || !node.isObject()) {
        LOG.fine("ignoring stored persisted state that is not a JSON object");
        return base;
      }
      S restored = actions.restorePersisted(base, new JsonFields(node));
      return restored != null ? restored : base;
    } catch (java.io.IOException | RuntimeException | LinkageError e) {
      LOG.log(Level.WARNING, "cannot restore persisted state; starting from initial values", e);
      return base;
    }
  }

  /**
   * Saves the persisted components of {@code state} for the group when they differ from what
   * {@code mark} last loaded or saved; never throws.
   */
  private void save(S state, String groupId, PersistMark mark) {
    if (!persists || mark == null) {
      return;
    }
    byte[] bytes;
    try {
      Map<String, Object> fields = actions.persistedFields(state);
      if (fields == null || fields.isEmpty()) {
        return;
      }
      bytes = MAPPER.writeValueAsBytes(fields);
    } catch (java.io.IOException | RuntimeException | LinkageError e) {
      LOG.log(Level.WARNING, "cannot serialize the persisted components; not saved", e);
      return;
    }
    if (Arrays.equals(bytes, mark.last)) {
      return;
    }
    try {
      store.save(groupId, bytes);
      mark.last = bytes;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "the session store failed to save", e);
    }
  }

  /** The stored JSON object, read back per component through Jackson. */
  private static final class JsonFields implements PersistedFields {
    private final JsonNode node;

    JsonFields(JsonNode node) {
      this.node = node;
    }

    @Override
    public boolean has(String name) {
      return node.has(name);
    }

    @Override
    public <T> T get(String name, TypeRef<T> type) {
      JsonNode v = node.get(name);
      if (v == null) {
        return null;
      }
      try {
        return MAPPER.readerFor(MAPPER.constructType(type.type())).readValue(v);
      } catch (java.io.IOException | RuntimeException e) {
        LOG.log(Level.FINE, "stored value of \"" + name + "\" does not read as " + type.type(), e);
        return null;
      }
    }
  }

  /** Whether a {@link FrameListener} is registered (so callers may skip building its text). */
  public boolean observed() {
    return frames != null;
  }

  /** Hands one message to the {@link FrameListener}, if any; never throws. */
  public void observe(FrameListener.Transport transport, FrameListener.Direction direction,
      String path, String text) {
    if (frames == null) {
      return;
    }
    try {
      frames.onFrame(new FrameListener.Frame(transport, direction, path, text));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "the frame listener threw", e);
    }
  }

  public LiveRenderer<S> renderer() {
    return renderer;
  }

  public S initialState() {
    return initialState;
  }

  /**
   * The result of one step.
   *
   * @param state the state to keep and render (page data applied); the previous one when
   *     {@code failed}
   * @param flash the flash messages to keep
   * @param errors {@code meta.errors}; empty on success
   * @param failed whether nothing ran to completion: answer with an empty tree
   */
  public record Outcome<S>(S state, Flash flash, Map<String, String> errors, boolean failed) {
    public boolean success() {
      return errors.isEmpty();
    }
  }

  /**
   * Mounts {@code base} for a page load, connection or navigation: {@code mount}, then (for a
   * WebSocket connect) {@code onConnect}, then the page data.
   *
   * @throws Exception what {@code mount} threw
   */
  public Outcome<S> mount(S base, Visitor who, boolean http, Map<String, String> query,
      Map<String, Object> data, Flash flash, boolean connect, PushContext push) throws Exception {
    return mount(base, who, http, query, data, flash, connect, push, null);
  }

  /**
   * Like {@link #mount(Object, Visitor, boolean, Map, Map, Flash, boolean, PushContext)}; with a
   * {@code mark}, first restores the group's persisted components into {@code base} and afterwards
   * saves them.
   */
  public Outcome<S> mount(S base, Visitor who, boolean http, Map<String, String> query,
      Map<String, Object> data, Flash flash, boolean connect, PushContext push, PersistMark mark)
      throws Exception {
    base = restore(base, who.groupId(), mark);
    Context ctx = context("", "", who, http, query, data, flash, push);
    S state = actions.mount(base, ctx);
    if (state == null) {
      throw new IllegalStateException("mount returned null");
    }
    if (connect) {
      try {
        S connected = actions.onConnect(state, ctx);
        if (connected != null) {
          state = connected;
        } else {
          LOG.warning("onConnect returned null; keeping the mounted state");
        }
      } catch (Exception | LinkageError e) {
        LOG.log(Level.WARNING, "onConnect failed; keeping the mounted state", e);
      }
    }
    FieldErrors errors = ctx.errors();
    Flash newFlash = ctx.flash();
    Outcome<S> o =
        new Outcome<>(actions.withPageData(state, errors, newFlash), newFlash, errors, false);
    save(o.state(), who.groupId(), mark);
    return o;
  }

  /** Runs {@code msg} (not a reserved action) against {@code state}; never throws. */
  public Outcome<S> act(S state, Flash flash, Inbound msg, Visitor who, boolean http,
      Map<String, String> query, PushContext push) {
    return act(state, flash, msg, who, http, query, push, null);
  }

  /** Like the seven-argument {@code act}; with a {@code mark}, saves the persisted components. */
  public Outcome<S> act(S state, Flash flash, Inbound msg, Visitor who, boolean http,
      Map<String, String> query, PushContext push, PersistMark mark) {
    String name = msg.action();
    Context ctx = context(name, msg.submitter(), who, http, query, msg.data(), flash,
        push);
    try {
      S next = actions.run(name, state, ctx);
      if (next == null) {
        return fail(state, flash, "action \"" + name + "\" returned no state");
      }
      FieldErrors errors = ctx.errors();
      Flash newFlash = ctx.flash();
      Outcome<S> o =
          new Outcome<>(actions.withPageData(next, errors, newFlash), newFlash, errors, false);
      if (errors.isEmpty()) {
        save(o.state(), who.groupId(), mark);
      }
      return o;
    } catch (Context.BindException e) {
      // Render the binding errors next to their fields; the state itself stays as it was.
      FieldErrors errors = e.errors().isEmpty()
          ? FieldErrors.of(Map.of(ERROR_KEY, e.getMessage())) : e.errors();
      try {
        return new Outcome<>(actions.withPageData(state, errors, flash), flash, errors, false);
      } catch (RuntimeException e2) {
        return new Outcome<>(state, flash, errors, true);
      }
    } catch (Actions.UnknownActionException e) {
      return fail(state, flash, e.getMessage());
    } catch (TopicForbiddenException e) {
      return fail(state, flash, "action \"" + name + "\" failed: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      // Deliberately thrown by application code to reject the input: show the message.
      LOG.log(Level.FINE, "action \"" + name + "\" rejected its input", e);
      String m = e.getMessage();
      return fail(state, flash, "action \"" + name + "\" failed"
          + (m == null || m.isBlank() ? "" : ": " + m));
    } catch (Exception | LinkageError | StackOverflowError e) {
      LOG.log(Level.WARNING, "action \"" + name + "\" threw", e);
      return fail(state, flash, "action \"" + name + "\" failed (internal error)");
    }
  }

  /** Re-mounts {@code state} with the data of a {@code __navigate__} as query; never throws. */
  public Outcome<S> navigate(S state, Flash flash, Inbound msg, Visitor who, boolean http,
      PushContext push) {
    return navigate(state, flash, msg, who, http, push, null);
  }

  /** Like the six-argument {@code navigate}; with a {@code mark}, restores and saves. */
  public Outcome<S> navigate(S state, Flash flash, Inbound msg, Visitor who, boolean http,
      PushContext push, PersistMark mark) {
    try {
      Outcome<S> o = mount(state, who, http, msg.dataAsQuery(), msg.data(), flash, false, push,
          mark);
      return o;
    } catch (TopicForbiddenException e) {
      return fail(state, flash, "navigation failed: " + e.getMessage());
    } catch (Exception | LinkageError | StackOverflowError e) {
      LOG.log(Level.WARNING, "mount failed during " + Inbound.NAVIGATE, e);
      return fail(state, flash, "navigation failed (internal error)");
    }
  }

  /** The state with {@code errors} and {@code flash} applied for rendering. */
  public S withPageData(S state, FieldErrors errors, Flash flash) {
    return actions.withPageData(state, errors, flash);
  }

  /** Runs {@code onDisconnect}; never throws; whether it completed normally. */
  public boolean disconnect(S state, Visitor who, Map<String, String> query, Flash flash,
      PushContext push) {
    try {
      actions.onDisconnect(state, context("", "", who, false, query, Map.of(), flash,
          push));
      return true;
    } catch (RuntimeException | LinkageError e) {
      LOG.log(Level.WARNING, "onDisconnect failed", e);
      return false;
    }
  }

  /** A failed step: previous state, one general error. */
  public static <S> Outcome<S> fail(S state, Flash flash, String message) {
    return new Outcome<>(state, flash, Map.of(ERROR_KEY, message), true);
  }

  private static Context context(String action, String submitter, Visitor who, boolean http,
      Map<String, String> query, Map<String, Object> data, Flash flash, Context.Push push) {
    return Context.builder(action).submitter(submitter).userId(who.userId())
        .groupId(who.groupId()).http(http).query(query).data(data).flash(flash).push(push)
        .build();
  }
}
