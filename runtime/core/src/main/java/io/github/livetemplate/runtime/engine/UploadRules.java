package io.github.livetemplate.runtime.engine;

import io.github.livetemplate.runtime.generated.UploadDeclaration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: what every connection of one page shares about uploads — the declarations by name, the
 * private directory the files are staged in, the per-connection byte budget — and the refusal
 * count. Thread-safe.
 */
final class UploadRules {
    private static final Logger LOG = LoggerFactory.getLogger("io.github.livetemplate");

    /** The chunk size of the 0.25.1 client (fixed there: 256 KiB). */
    static final int CLIENT_CHUNK_BYTES = 256 * 1024;

    /** The largest chunk frame: the chunk in base64 plus room for the envelope. */
    static final int CHUNK_FRAME_BYTES = (CLIENT_CHUNK_BYTES + 2) / 3 * 4 + 1024;

    /** Default budget of one connection: 1 GB in all its uploads. */
    static final long DEFAULT_MAX_BYTES_PER_CONNECTION = 1_000_000_000L;

    /** The prefix and suffix of staged files, also how leftovers are recognised. */
    static final String PREFIX = "lvt-upload-";

    static final String SUFFIX = ".part";

    private final Map<String, UploadDeclaration> byName = new LinkedHashMap<>();
    private volatile Path configuredDir;
    private volatile long maxBytesPerConnection = DEFAULT_MAX_BYTES_PER_CONNECTION;
    private Path dir;

    /** Default time an entry may go without a byte before it is refused: 60 s. */
    static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 60_000;

    private volatile io.github.livetemplate.runtime.Presigner presigner;
    private volatile long idleTimeoutNanos = DEFAULT_IDLE_TIMEOUT_MILLIS * 1_000_000L;

    /** The sessions with entries, swept for abandoned ones. */
    private final Set<UploadSession> live = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private java.util.concurrent.ScheduledFuture<?> sweeper;

    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicBoolean refusalLogged = new AtomicBoolean();

    UploadRules(List<UploadDeclaration> declarations) {
        for (UploadDeclaration d : declarations) {
            byName.putIfAbsent(d.name(), d);
        }
    }

    boolean declared() {
        return !byName.isEmpty();
    }

    java.util.Collection<UploadDeclaration> all() {
        return byName.values();
    }

    UploadDeclaration get(String name) {
        return byName.get(name);
    }

    long maxBytesPerConnection() {
        return maxBytesPerConnection;
    }

    /**
     * Stages files in {@code directory} (created owner-only if missing) instead of a fresh
     * temporary directory, and deletes the staged files a previous run left there.
     */
    void configure(Path directory, long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("the upload budget must be positive: " + maxBytes);
        }
        this.maxBytesPerConnection = maxBytes;
        if (directory != null) {
            synchronized (this) {
                this.configuredDir = directory;
                this.dir = null;
            }
            sweep(directory);
        }
    }

    /** The private staging directory, created on first use. */
    synchronized Path dir() throws IOException {
        if (dir == null) {
            Path d = configuredDir;
            if (d == null) {
                // Owner-only (rwx------) on POSIX file systems.
                d = Files.createTempDirectory("livetemplate-uploads-");
            } else {
                Files.createDirectories(d);
                ownerOnly(d);
            }
            dir = d;
        }
        return dir;
    }

    /** The application's signer of direct uploads, or {@code null}. */
    io.github.livetemplate.runtime.Presigner presigner() {
        return presigner;
    }

    void presigner(io.github.livetemplate.runtime.Presigner p) {
        this.presigner = p;
    }

    long idleTimeoutNanos() {
        return idleTimeoutNanos;
    }

    /** How long an entry may receive nothing before it is refused and its file deleted. */
    synchronized void idleTimeout(java.time.Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the upload idle timeout must be positive");
        }
        this.idleTimeoutNanos = timeout.toNanos();
        if (sweeper != null) {
            sweeper.cancel(false);
            sweeper = null;
        }
    }

    /** Starts watching {@code s} for abandoned entries (it has pending ones). */
    void watch(UploadSession s) {
        live.add(s);
        synchronized (this) {
            if (sweeper == null) {
                long every = Math.max(idleTimeoutNanos / 4, 10_000_000L);
                sweeper =
                        Sweeper.POOL.scheduleWithFixedDelay(
                                this::sweepIdle,
                                every,
                                every,
                                java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        }
    }

    /** Stops watching {@code s} (no pending entries, or closed). */
    void unwatch(UploadSession s) {
        live.remove(s);
    }

    private void sweepIdle() {
        long now = System.nanoTime();
        for (UploadSession s : live) {
            try {
                s.expire(now);
            } catch (RuntimeException e) {
                LOG.warn("expiring abandoned uploads failed", e);
            }
        }
    }

    /** Counts an entry refused for receiving nothing within the idle timeout. */
    void timedOut(String why) {
        timedOut.incrementAndGet();
        refused(why);
    }

    long timedOutCount() {
        return timedOut.get();
    }

    /** One daemon thread for every page's sweep of abandoned uploads. */
    private static final class Sweeper {
        static final java.util.concurrent.ScheduledExecutorService POOL =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "livetemplate-upload-timeouts");
                            t.setDaemon(true);
                            return t;
                        });
    }

    /** A new, empty staging file with a random name (never the client's). */
    Path newFile() throws IOException {
        return Files.createTempFile(dir(), PREFIX, SUFFIX);
    }

    /** Counts a refusal; the first is logged as a warning, later ones at DEBUG. */
    void refused(String why) {
        refused.incrementAndGet();
        if (refusalLogged.compareAndSet(false, true)) {
            LOG.warn("upload refused: {} (further refusals are logged at DEBUG)", why);
        } else {
            LOG.debug("upload refused: {}", why);
        }
    }

    long refusedCount() {
        return refused.get();
    }

    /** Whether {@code type} (as the client said) or the name's extension is accepted. */
    static boolean accepts(UploadDeclaration d, String type, String clientName) {
        if (d.accept().isEmpty()) {
            return true;
        }
        String t = type.toLowerCase(Locale.ROOT).trim();
        String ext = "." + ImageSignature.extension(clientName);
        for (String a : d.accept()) {
            String x = a.toLowerCase(Locale.ROOT);
            if (x.startsWith(".")) {
                if (x.equals(ext)) {
                    return true;
                }
            } else if (x.endsWith("/*")) {
                if (t.startsWith(x.substring(0, x.length() - 1))) {
                    return true;
                }
            } else if (x.equals(t)) {
                return true;
            }
        }
        return false;
    }

    private static void sweep(Path directory) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> files =
                Files.newDirectoryStream(directory, PREFIX + "*" + SUFFIX)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not delete leftover uploads in " + directory, e);
        }
    }

    private static void ownerOnly(Path d) {
        try {
            Set<PosixFilePermission> rwx = PosixFilePermissions.fromString("rwx------");
            Files.setPosixFilePermissions(d, rwx);
        } catch (UnsupportedOperationException | IOException e) {
            LOG.debug("could not restrict " + d + " to its owner", e);
        }
    }
}
