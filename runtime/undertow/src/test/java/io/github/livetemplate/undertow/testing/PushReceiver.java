package io.github.livetemplate.undertow.testing;

import java.net.http.WebSocket;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;

/**
 * A JDK WebSocket listener that records, for each update after the first tree, the push it shows
 * and when it arrived. A push's text starts with its number (a count, or its publish time in
 * nanoseconds) and a {@code ;}; the update carries it in dynamic slot {@code slot}. Pushes to a
 * client that fell behind are coalesced: one update then shows the latest of several.
 */
public final class PushReceiver implements WebSocket.Listener {
    private final String marker;
    private final long[] shown;
    private final long[] arrived;
    private int n;
    private boolean first = true;
    private final StringBuilder partial = new StringBuilder();

    /**
     * @param most the most updates recorded
     * @param slot the dynamic slot whose text starts with the push's number
     */
    public PushReceiver(int most, String slot) {
        marker = "\"" + slot + "\":\"";
        shown = new long[most];
        arrived = new long[most];
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            long now = System.nanoTime();
            String text = partial.toString();
            partial.setLength(0);
            if (first) {
                first = false; // the first, full tree
            } else {
                int at = text.indexOf(marker) + marker.length();
                long push = Long.parseLong(text.substring(at, text.indexOf(';', at)));
                synchronized (this) {
                    if (n < shown.length) {
                        shown[n] = push;
                        arrived[n++] = now;
                    }
                }
            }
        }
        webSocket.request(1);
        return null;
    }

    /** Updates received after the first tree. */
    public synchronized int received() {
        return n;
    }

    /** The push the last update shows; 0 before any. */
    public synchronized long lastShown() {
        return n == 0 ? 0 : shown[n - 1];
    }

    /** Whether each update shows a later push than the one before. */
    public synchronized boolean inOrder() {
        for (int i = 1; i < n; i++) {
            if (shown[i] <= shown[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The latency of each push, sorted, for pushes numbered by their publish time ({@code
     * published}, in order): until the first update that shows it or a later one arrived.
     */
    public synchronized long[] latencies(long[] published) {
        long[] l = new long[published.length];
        int update = 0;
        for (int i = 0; i < published.length; i++) {
            while (update < n && shown[update] < published[i]) {
                update++;
            }
            l[i] = arrived[Math.min(update, n - 1)] - published[i];
        }
        Arrays.sort(l);
        return l;
    }
}
