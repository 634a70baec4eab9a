package io.github.livetemplate.runtime.engine;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.livetemplate.runtime.FieldErrors;
import io.github.livetemplate.runtime.Flash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal, dev mode only (docs/dev-mode.md, "Java edits"): carries the states of open pages across
 * a restart of the JVM. At shutdown every open connection's state is written as JSON to a private
 * file, keyed by a hash of its session group and its page path; the restarted server reads the file
 * once (and deletes it) and gives a reconnecting WebSocket of the same group and path its state
 * back, if the JSON still fits the (possibly edited) record, else the page mounts as usual.
 *
 * <p>A state is written component by component: the page data ({@link FieldErrors}, {@link Flash})
 * is left out and comes back empty; other components are written by Jackson from their fields (not
 * their getters, so that a template-visible {@code isX()} method is no property). A record that
 * gained a component gets {@code null} or zero for it (its compact constructor may default it); a
 * removed component, a changed type or a value its constructor refuses mean the shape changed.
 */
public final class DevStates {
    private static final Logger LOG = LoggerFactory.getLogger("io.github.livetemplate");

    /** The file the states of open pages go to at shutdown; without it they are not kept. */
    public static final String FILE_PROPERTY = "livetemplate.dev.stateFile";

    /** States older than this are not restored (a file left behind by an earlier day's run). */
    private static final long MAX_AGE_MILLIS = 10 * 60_000L;

    /** At most this many states are kept (a page with many tabs open stays bounded). */
    private static final int MAX_STATES = 1000;

    /** At most this many states per session group and path (the newest are kept). */
    private static final int MAX_PER_PAGE = 8;

    private static final ObjectMapper MAPPER =
            new ObjectMapper()
                    .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                    .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                    .setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);

    private static volatile DevStates shared;

    private final Path file;

    /** Read from the file at start: per key, the states still to hand out, newest last. */
    private final Map<String, Deque<JsonNode>> restorable = new LinkedHashMap<>();

    /** Written at shutdown: per key, the states of the connections seen closing or still open. */
    private final Map<String, List<JsonNode>> saved = new LinkedHashMap<>();

    private int savedCount;

    /** The dev-mode engines whose open connections are saved at shutdown. */
    private final Set<PageEngine<?>> engines = new CopyOnWriteArraySet<>();

    private boolean serializeFailureLogged;

    /** States of {@code file}: reads (and deletes) what an earlier run left there. */
    DevStates(Path file) {
        this.file = file;
        load();
    }

    /**
     * The JVM's instance, at {@link #FILE_PROPERTY}, saved at JVM exit; null when the property is
     * not set (then a restart loses the states, as without dev mode). The dev launcher sets it.
     */
    static DevStates shared() {
        DevStates s = shared;
        if (s == null) {
            synchronized (DevStates.class) {
                s = shared;
                String p = System.getProperty(FILE_PROPERTY);
                if (s == null && p != null && !p.isBlank()) {
                    shared = s = new DevStates(Path.of(p));
                    DevStates saving = s;
                    Runtime.getRuntime()
                            .addShutdownHook(new Thread(saving::save, "lvt-dev-states"));
                }
            }
        }
        return s;
    }

    /** The file the states are written to. */
    public Path file() {
        return file;
    }

    void watch(PageEngine<?> engine) {
        engines.add(engine);
    }

    /** Remembers the last state of a connection of {@code group} on {@code path}. */
    synchronized void remember(String group, String path, Object state) {
        if (savedCount >= MAX_STATES || state == null) {
            return;
        }
        JsonNode json;
        try {
            json = write(state);
        } catch (RuntimeException | LinkageError e) {
            if (!serializeFailureLogged) {
                serializeFailureLogged = true;
                LOG.warn(
                        "dev mode: the state of "
                                + path
                                + " cannot be written as JSON ("
                                + e
                                + "); it will mount afresh after a restart");
            }
            return;
        }
        List<JsonNode> list = saved.computeIfAbsent(key(group, path), k -> new ArrayList<>());
        if (list.size() >= MAX_PER_PAGE) {
            list.remove(0); // a tab reloaded many times: its oldest sockets matter least
            savedCount--;
        }
        list.add(json);
        savedCount++;
    }

    /**
     * Writes every remembered state, and those of the still-open connections of the watched
     * engines, to the file (owner-only, replaced atomically). Never throws.
     */
    public void save() {
        for (PageEngine<?> e : engines) {
            for (LiveConnection<?> c : e.hub().localConnections()) {
                c.rememberForRestart(this);
            }
        }
        synchronized (this) {
            if (saved.isEmpty()) {
                return;
            }
            ObjectNode root = MAPPER.createObjectNode();
            root.put("savedAt", System.currentTimeMillis());
            ObjectNode states = root.putObject("states");
            saved.forEach(
                    (k, list) -> {
                        ArrayNode a = states.putArray(k);
                        list.forEach(a::add);
                    });
            try {
                Path dir = file.toAbsolutePath().getParent();
                createPrivateDirectory(dir);
                Path tmp = Files.createTempFile(dir, "states", ".tmp");
                Files.write(tmp, MAPPER.writeValueAsBytes(root));
                try {
                    Files.move(
                            tmp,
                            file,
                            StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
                LOG.info("dev mode: saved " + savedCount + " page state(s) to " + file);
            } catch (IOException | RuntimeException e) {
                LOG.warn("dev mode: could not save the page states to " + file, e);
            }
        }
    }

    /**
     * The newest state saved by the previous run for a reconnect of {@code group} on {@code path}
     * (a tab's latest socket closes last: a page it reloaded left older ones), read into {@code
     * type}; null when there is none or it no longer fits (logged: re-mounted).
     */
    <S> S take(String group, String path, Class<S> type) {
        JsonNode json;
        synchronized (this) {
            Deque<JsonNode> q = restorable.get(key(group, path));
            json = q == null ? null : q.pollLast(); // the newest: the tab's latest socket
            if (q != null && q.isEmpty()) {
                restorable.remove(key(group, path));
            }
        }
        if (json == null) {
            return null;
        }
        try {
            S state = read(json, type);
            LOG.info("dev mode: restored the state of " + path + " from before the restart");
            return state;
        } catch (ShapeChanged e) {
            LOG.info(
                    "dev mode: the state of "
                            + path
                            + " from before the restart no longer fits "
                            + type.getSimpleName()
                            + " ("
                            + e.getMessage()
                            + "); mounting afresh");
            return null;
        }
    }

    /** Why a saved state no longer fits its record. */
    static final class ShapeChanged extends Exception {
        ShapeChanged(String message) {
            super(message);
        }
    }

    static JsonNode write(Object state) {
        Class<?> type = state.getClass();
        if (!type.isRecord()) {
            return MAPPER.valueToTree(state);
        }
        ObjectNode o = MAPPER.createObjectNode();
        for (RecordComponent c : type.getRecordComponents()) {
            if (isPageData(c.getType())) {
                continue;
            }
            try {
                c.getAccessor().setAccessible(true);
                o.set(c.getName(), MAPPER.valueToTree(c.getAccessor().invoke(state)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName(), e);
            }
        }
        return o;
    }

    static <S> S read(JsonNode json, Class<S> type) throws ShapeChanged {
        try {
            if (!type.isRecord()) {
                return MAPPER.treeToValue(json, type);
            }
            RecordComponent[] cs = type.getRecordComponents();
            Set<String> names = new HashSet<>();
            Class<?>[] types = new Class<?>[cs.length];
            Object[] args = new Object[cs.length];
            for (int i = 0; i < cs.length; i++) {
                RecordComponent c = cs[i];
                names.add(c.getName());
                types[i] = c.getType();
                JsonNode v = json.get(c.getName());
                if (c.getType() == FieldErrors.class) {
                    args[i] = FieldErrors.none();
                } else if (c.getType() == Flash.class) {
                    args[i] = Flash.none();
                } else if (v == null) {
                    args[i] = defaultOf(c.getType()); // a new component
                } else {
                    args[i] =
                            MAPPER.treeToValue(
                                    v, MAPPER.getTypeFactory().constructType(c.getGenericType()));
                }
            }
            for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
                String n = it.next();
                if (!names.contains(n)) {
                    throw new ShapeChanged("component \"" + n + "\" is gone");
                }
            }
            Constructor<S> k = type.getDeclaredConstructor(types);
            k.setAccessible(true);
            return k.newInstance(args);
        } catch (IOException | IllegalArgumentException e) {
            throw new ShapeChanged(e.getMessage());
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new ShapeChanged("its constructor refused it: " + e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ShapeChanged(e.toString());
        }
    }

    private static boolean isPageData(Class<?> t) {
        return t == FieldErrors.class || t == Flash.class;
    }

    private static Object defaultOf(Class<?> t) {
        if (!t.isPrimitive()) {
            return null;
        }
        if (t == boolean.class) {
            return false;
        }
        if (t == char.class) {
            return '\0';
        }
        if (t == long.class) {
            return 0L;
        }
        if (t == double.class) {
            return 0d;
        }
        if (t == float.class) {
            return 0f;
        }
        if (t == byte.class) {
            return (byte) 0;
        }
        if (t == short.class) {
            return (short) 0;
        }
        return 0;
    }

    private void load() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            JsonNode root = MAPPER.readTree(Files.readAllBytes(file));
            long age = System.currentTimeMillis() - root.path("savedAt").asLong(0);
            if (age >= 0 && age <= MAX_AGE_MILLIS) {
                root.path("states")
                        .fields()
                        .forEachRemaining(
                                e -> {
                                    Deque<JsonNode> q = new ArrayDeque<>();
                                    e.getValue().forEach(q::add);
                                    restorable.put(e.getKey(), q);
                                });
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("dev mode: ignoring the unreadable page states in " + file, e);
        } finally {
            try {
                Files.deleteIfExists(file); // read once: a later restart saves its own
            } catch (IOException e) {
                LOG.warn("dev mode: could not delete " + file, e);
            }
        }
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(
                    dir,
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
        }
    }

    /** The session group is a credential (the session cookie): only its hash is written. */
    private static String key(String group, String path) {
        return hash(group) + " " + path;
    }

    private static String hash(String s) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
