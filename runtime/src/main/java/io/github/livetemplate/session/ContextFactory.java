package io.github.livetemplate.session;

import io.github.livetemplate.Context;
import io.github.livetemplate.Flash;
import java.util.Map;

/**
 * Internal: creates {@link Context}s (whose constructor is not public); supplied by
 * {@code LiveHandler}.
 */
@FunctionalInterface
public interface ContextFactory {

  Context create(String action, String submitter, String userId, String groupId, boolean http,
      Map<String, String> query, Map<String, Object> data, Flash flash, PushContext push);
}
