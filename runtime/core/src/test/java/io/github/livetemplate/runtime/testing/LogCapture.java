package io.github.livetemplate.runtime.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures records of a logger (and its children) while open; by default the pubsub logger. The
 * runtime logs through SLF4J; the modules' tests bind SLF4J to java.util.logging (slf4j-jdk14), so
 * each SLF4J call arrives here as one record with its message already formatted (warn = WARNING,
 * debug = FINE, error = SEVERE).
 */
public final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger;
    private final Level previous;
    public final List<LogRecord> records = new CopyOnWriteArrayList<>();

    public LogCapture() {
        this("io.github.livetemplate.pubsub");
    }

    /** Captures {@code loggerName} and the loggers below it. */
    public LogCapture(String loggerName) {
        logger = Logger.getLogger(loggerName);
        previous = logger.getLevel();
        logger.setLevel(Level.ALL);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    /**
     * Captures records of {@code loggerName} and below at {@code minimum} or above, leaving the
     * loggers' levels alone (for long runs: nothing below {@code minimum} is kept or enabled).
     */
    public LogCapture(String loggerName, Level minimum) {
        logger = Logger.getLogger(loggerName);
        previous = logger.getLevel();
        setLevel(minimum);
        logger.addHandler(this);
    }

    public List<LogRecord> at(Level level) {
        return records.stream().filter(r -> r.getLevel() == level).toList();
    }

    /** The records at {@code level} whose raw message contains {@code text}. */
    public List<LogRecord> at(Level level, String text) {
        return at(level).stream().filter(r -> r.getMessage().contains(text)).toList();
    }

    @Override
    public void publish(LogRecord record) {
        if (isLoggable(record)) {
            records.add(record);
        }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previous);
    }
}
