package io.github.livetemplate.runtime.engine;

import io.github.livetemplate.runtime.Context;
import io.github.livetemplate.runtime.SessionHandle;
import io.github.livetemplate.runtime.TopicAccess;
import io.github.livetemplate.runtime.TopicForbiddenException;
import io.github.livetemplate.runtime.UserHandle;
import io.github.livetemplate.runtime.pubsub.ActionMessage;
import io.github.livetemplate.runtime.pubsub.Broadcaster;
import io.github.livetemplate.runtime.pubsub.Subscription;
import io.github.livetemplate.runtime.pubsub.Topics;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Internal: server push of one live page handler. Knows the local WebSocket connections by
 * session group and by subscribed topic, delivers triggered and published actions to them (each
 * on its own queue) and connects both to the {@link Broadcaster}: local delivery happens here,
 * the broadcaster carries the same message to the other instances, and what they send is
 * delivered here.
 *
 * <p>Broadcaster subscriptions are reference-counted by local connections: one per session group
 * with a local connection and one per subscribed topic or pattern, closed when the last local
 * connection leaves. Registry changes hold one lock (broadcaster subscribe calls included, which
 * are bounded by the broadcaster's subscribe timeout); deliveries read concurrent sets without it.
 *
 * @param <S> the state record type
 */
public final class PushHub<S> {
  private static final Logger LOG = Logger.getLogger("io.github.livetemplate");

  private static final Pattern TOPIC =
      Pattern.compile("(?:[A-Za-z0-9_-]+|\\*)(?:/(?:[A-Za-z0-9_-]+|\\*))*");

  /** Connections of one group or topic plus the broadcaster subscription backing them. */
  private static final class Members<S> {
    final Set<LiveConnection<S>> connections = ConcurrentHashMap.newKeySet();
    Subscription subscription; // guarded by the hub lock
  }

  private final Broadcaster broadcaster;
  private final TopicAccess access;
  private final Object lock = new Object();
  private final Map<String, Members<S>> groups = new ConcurrentHashMap<>();
  private final Map<String, Members<S>> users = new ConcurrentHashMap<>();
  private final Map<String, Members<S>> exactTopics = new ConcurrentHashMap<>();
  private final Map<String, Members<S>> patternTopics = new ConcurrentHashMap<>();
  private final AtomicLong droppedPushes = new AtomicLong();
  private final AtomicLong droppedPublishes = new AtomicLong();
  /** The last topic message received; the broadcaster hands one message to each matching entry. */
  private volatile ActionMessage lastRemoteTopic;

  /**
   * @param broadcaster carries messages to and from other instances
   * @param access the topic rule, or null for deny-all
   */
  public PushHub(Broadcaster broadcaster, TopicAccess access) {
    this.broadcaster = Objects.requireNonNull(broadcaster, "broadcaster");
    this.access = access;
  }

  public Broadcaster broadcaster() {
    return broadcaster;
  }

  /** Pushed actions dropped because a connection's queue was full. */
  public long droppedPushes() {
    return droppedPushes.get();
  }

  /** Publishes dropped by the one-hop rule. */
  public long droppedPublishes() {
    return droppedPublishes.get();
  }

  /**
   * The push context of a mount, action or lifecycle call; {@code connection} is {@code null}
   * on HTTP (no subscriptions, publishes only).
   */
  PushContext callContext(LiveConnection<?> connection) {
    return new PushContext(this, connection, false);
  }

  /** The push context of a triggered or published action: it may not publish (one hop only). */
  PushContext pushedContext(LiveConnection<?> connection) {
    return new PushContext(this, connection, true);
  }

  public SessionHandle session(String groupId) {
    if (groupId == null || groupId.isEmpty()) {
      throw new IllegalArgumentException("groupId must not be empty");
    }
    return new SessionHandle() {
      @Override
      public String groupId() {
        return groupId;
      }

      @Override
      public int trigger(String action, Map<String, ?> data) {
        return PushHub.this.trigger(groupId, action, data);
      }

      @Override
      public String toString() {
        return "SessionHandle[" + groupId + "]";
      }
    };
  }

  public UserHandle user(String userId) {
    if (userId == null || userId.isEmpty()) {
      throw new IllegalArgumentException("userId must not be empty");
    }
    return new UserHandle() {
      @Override
      public String userId() {
        return userId;
      }

      @Override
      public int trigger(String action, Map<String, ?> data) {
        return PushHub.this.triggerUser(userId, action, data);
      }

      @Override
      public String toString() {
        return "UserHandle[" + userId + "]";
      }
    };
  }

  // ------------------------------------------------------------------ topics

  static String validate(String topic, boolean allowWildcards) {
    if (topic == null || !TOPIC.matcher(topic).matches()) {
      throw new IllegalArgumentException("malformed topic \"" + topic
          + "\": segments of [A-Za-z0-9_-] or *, joined by /");
    }
    if (!allowWildcards && Topics.isPattern(topic)) {
      throw new IllegalArgumentException("cannot publish on a wildcard topic: " + topic);
    }
    return topic;
  }

  void checkAccess(String topic, Context ctx) {
    boolean ok = false;
    if (access != null) {
      try {
        ok = access.allowed(topic, ctx);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "the topic access rule threw for \"" + topic + "\"", e);
      }
    }
    if (!ok) {
      throw new TopicForbiddenException(topic);
    }
  }

  void dropPublish(String topic, String action) {
    long n = droppedPublishes.incrementAndGet();
    LOG.log(Level.WARNING, "dropped publish of \"{0}\" on {1}: publishing from a pushed action is"
        + " not allowed (one hop only; {2} dropped in total)", new Object[] {action, topic, n});
  }

  static Map<String, Object> copy(Map<String, ?> data) {
    if (data == null || data.isEmpty()) {
      return Map.of();
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(data));
  }

  // ------------------------------------------------------------------ registry

  /** A connection went live: join its group. Runs on the connection's queue. */
  void register(LiveConnection<S> c) {
    String group = c.groupId();
    synchronized (lock) {
      Members<S> m = groups.computeIfAbsent(group, g -> new Members<>());
      if (m.connections.add(c) && m.subscription == null) {
        try {
          m.subscription = broadcaster.subscribeGroupActions(group,
              msg -> deliverGroup(msg.groupId(), msg.action(), msg.data()));
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "cannot subscribe group actions on the broadcaster", e);
        }
      }
      String user = c.userId();
      if (user != null && !user.isEmpty()) {
        Members<S> u = users.computeIfAbsent(user, k -> new Members<>());
        if (u.connections.add(c) && u.subscription == null) {
          try {
            u.subscription = broadcaster.subscribeServerActions(user,
                msg -> deliverUser(msg.userId(), msg.action(), msg.data()));
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot subscribe server actions on the broadcaster", e);
          }
        }
      }
    }
  }

  /** A connection closed: leave its group and every topic. */
  void unregister(LiveConnection<S> c) {
    synchronized (lock) {
      leave(groups, c.groupId(), c);
      String user = c.userId();
      if (user != null && !user.isEmpty()) {
        leave(users, user, c);
      }
      for (String t : c.topics()) {
        leave(Topics.isPattern(t) ? patternTopics : exactTopics, t, c);
      }
      c.topics().clear();
    }
  }

  @SuppressWarnings("unchecked")
  void subscribe(LiveConnection<?> connection, String topic) {
    LiveConnection<S> c = (LiveConnection<S>) connection;
    synchronized (lock) {
      if (c.isClosed() || !c.topics().add(topic)) {
        return;
      }
      Map<String, Members<S>> map = Topics.isPattern(topic) ? patternTopics : exactTopics;
      Members<S> m = map.computeIfAbsent(topic, t -> new Members<>());
      m.connections.add(c);
      if (m.subscription == null) {
        try {
          m.subscription = broadcaster.subscribeTopic(topic, this::remoteTopic);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "cannot subscribe topic " + topic + " on the broadcaster", e);
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  void unsubscribe(LiveConnection<?> connection, String topic) {
    LiveConnection<S> c = (LiveConnection<S>) connection;
    synchronized (lock) {
      if (c.topics().remove(topic)) {
        leave(Topics.isPattern(topic) ? patternTopics : exactTopics, topic, c);
      }
    }
  }

  private void leave(Map<String, Members<S>> map, String key, LiveConnection<S> c) {
    Members<S> m = map.get(key);
    if (m == null || !m.connections.remove(c) || !m.connections.isEmpty()) {
      return;
    }
    map.remove(key);
    if (m.subscription != null) {
      try {
        m.subscription.close();
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "closing a broadcaster subscription failed", e);
      }
    }
  }

  /** Local connections subscribed to {@code topic} (the number of distinct connections). */
  public int subscribers(String topic) {
    return matching(topic, null).size();
  }

  // ------------------------------------------------------------------ delivery

  /** Runs {@code action} on the group's local connections and on other instances. */
  int trigger(String groupId, String action, Map<String, ?> data) {
    requireAction(action);
    Map<String, Object> d = copy(data);
    int n = deliverGroup(groupId, action, d);
    try {
      broadcaster.publishGroupAction(groupId, action, d);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not hand a group action to the broadcaster", e);
    }
    return n;
  }

  /** Runs {@code action} on the user's local connections and on other instances. */
  int triggerUser(String userId, String action, Map<String, ?> data) {
    requireAction(action);
    Map<String, Object> d = copy(data);
    int n = deliverUser(userId, action, d);
    try {
      broadcaster.publishServerAction(userId, action, d);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not hand a server action to the broadcaster", e);
    }
    return n;
  }

  private int deliverUser(String userId, String action, Map<String, Object> data) {
    Members<S> m = users.get(userId);
    if (m == null) {
      return 0;
    }
    return deliver(m.connections, new Fanout(action, data));
  }

  /**
   * Runs {@code action} on every local connection subscribed to a topic matching {@code topic},
   * except {@code sender}; unless {@code remote}, also hands it to the broadcaster.
   *
   * @return how many local connections it was queued on
   */
  public int publish(String topic, String action, Map<String, ?> data, LiveConnection<?> sender,
      boolean remote) {
    validate(topic, false);
    requireAction(action);
    Map<String, Object> d = copy(data);
    int n = deliver(matching(topic, sender), new Fanout(action, d));
    if (!remote) {
      try {
        broadcaster.publishTopicAction(topic, action, d);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "could not hand a topic action to the broadcaster", e);
      }
    }
    return n;
  }

  private static void requireAction(String action) {
    if (action == null || action.isEmpty()) {
      throw new IllegalArgumentException("action must not be empty");
    }
  }

  private Set<LiveConnection<S>> matching(String topic, LiveConnection<?> sender) {
    Set<LiveConnection<S>> out = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    Members<S> exact = exactTopics.get(topic);
    if (exact != null) {
      out.addAll(exact.connections);
    }
    for (Map.Entry<String, Members<S>> e : patternTopics.entrySet()) {
      if (Topics.matches(e.getKey(), topic)) {
        out.addAll(e.getValue().connections);
      }
    }
    if (sender != null) {
      out.remove(sender);
    }
    return out;
  }

  private int deliverGroup(String groupId, String action, Map<String, Object> data) {
    Members<S> m = groups.get(groupId);
    if (m == null) {
      return 0;
    }
    return deliver(m.connections, new Fanout(action, data));
  }

  private void remoteTopic(ActionMessage msg) {
    // With seq != 0 the broadcaster hands the same message object to every matching
    // subscription (exact and patterns); deliver it once, to every matching local connection.
    if (msg == lastRemoteTopic) {
      return;
    }
    lastRemoteTopic = msg;
    try {
      publish(msg.topic(), msg.action(), msg.data(), null, true);
    } catch (IllegalArgumentException e) {
      LOG.log(Level.FINE, "ignoring a topic action from another instance", e);
    }
  }

  private int deliver(Set<LiveConnection<S>> targets, Fanout f) {
    int n = 0;
    for (LiveConnection<S> c : targets) {
      if (c.offerPush(f)) {
        n++;
      } else {
        long d = droppedPushes.incrementAndGet();
        LOG.log(Level.WARNING, "dropped pushed action \"{0}\": the connection''s queue is full"
            + " ({1} pushed actions dropped in total)", new Object[] {f.action(), d});
      }
    }
    return n;
  }

  /**
   * One pushed action on its way to several connections. Connections whose (previous, next)
   * states are the same objects share one rendered and serialized update: the first computes it,
   * the others reuse its bytes.
   */
  static final class Fanout {
    private final String action;
    private final Inbound message;
    private final ConcurrentHashMap<StatePair, byte[]> memo = new ConcurrentHashMap<>(4);

    Fanout(String action, Map<String, Object> data) {
      this.action = action;
      this.message = new Inbound(action, data, "");
    }

    String action() {
      return action;
    }

    Inbound message() {
      return message;
    }

    /** The update for {@code previous → next}, rendered by {@code render} at most once. */
    byte[] update(Object previous, Object next, Supplier<byte[]> render) {
      return memo.computeIfAbsent(new StatePair(previous, next), k -> render.get());
    }
  }

  /** A key comparing two objects by identity. */
  private record StatePair(Object previous, Object next) {
    @Override
    public boolean equals(Object o) {
      return o instanceof StatePair p && p.previous == previous && p.next == next;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(previous) * 31 + System.identityHashCode(next);
    }
  }
}
