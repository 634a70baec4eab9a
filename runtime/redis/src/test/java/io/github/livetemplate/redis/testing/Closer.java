package io.github.livetemplate.redis.testing;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Closes what a test opened (servers, broadcasters, subscriptions, log captures), last opened
 * first, after each test: {@code @RegisterExtension final Closer closer = new Closer();} then
 * {@code closer.track(x)}.
 */
public final class Closer implements AfterEachCallback {
    private final List<AutoCloseable> open = new ArrayList<>();

    /** Closes {@code t} after the test; returns it. */
    public synchronized <T extends AutoCloseable> T track(T t) {
        open.add(t);
        return t;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        List<AutoCloseable> all;
        synchronized (this) {
            all = new ArrayList<>(open);
            open.clear();
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            all.get(i).close();
        }
    }
}
