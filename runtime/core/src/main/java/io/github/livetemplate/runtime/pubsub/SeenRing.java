package io.github.livetemplate.runtime.pubsub;

/**
 * The last {@value #SIZE} {@code (instanceID, seq)} pairs of received topic actions: an exact
 * SUBSCRIBE and an overlapping PSUBSCRIBE make Redis deliver one PUBLISH twice, and the second copy
 * must be dropped. {@code seq == 0} (senders that do not number messages) bypasses it.
 */
final class SeenRing {
    static final int SIZE = 64;

    private final String[] instances = new String[SIZE];
    private final long[] seqs = new long[SIZE];
    private int next;

    /** Records the pair; returns true if it was already recorded (a duplicate). */
    synchronized boolean seenBefore(String instanceId, long seq) {
        if (seq == 0) {
            return false;
        }
        for (int i = 0; i < SIZE; i++) {
            if (seqs[i] == seq && instanceId.equals(instances[i])) {
                return true;
            }
        }
        instances[next] = instanceId;
        seqs[next] = seq;
        next = (next + 1) % SIZE;
        return false;
    }
}
