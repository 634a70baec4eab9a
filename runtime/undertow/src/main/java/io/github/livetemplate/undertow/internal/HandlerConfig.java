package io.github.livetemplate.undertow.internal;

import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.function.Function;

/**
 * Internal: the settings of one live page handler, as collected by {@code LiveHandler.Builder}.
 *
 * @param allowedOrigins origins allowed besides the page's own ({@code "*"}: all)
 * @param trustForwardedHeaders whether {@code X-Forwarded-*} / {@code Forwarded} are believed
 * @param webSocket whether WebSocket upgrades are accepted
 * @param maxMessageBytes the largest accepted WebSocket message or POST body
 * @param loading whether pages carry {@code data-lvt-loading="true"}
 * @param heartbeatMillis {@code data-lvt-heartbeat-ms}, or negative to leave it out
 * @param cookieName the session cookie's name
 * @param queueCapacity the bound of each connection's (and HTTP state's) task queue
 * @param httpStateTtlMillis how long an idle HTTP state is kept
 * @param maxHttpStates how many HTTP states are kept at most
 * @param clientScriptUrl the script URL pages use, or {@code null} for {@code <mount
 *     path>/_lvt/client-<version>.js}
 * @param identify the signed-in user of a request, or {@code null} when there are no users
 */
public record HandlerConfig(
        List<String> allowedOrigins,
        boolean trustForwardedHeaders,
        boolean webSocket,
        int maxMessageBytes,
        boolean loading,
        int heartbeatMillis,
        String cookieName,
        int queueCapacity,
        long httpStateTtlMillis,
        int maxHttpStates,
        String clientScriptUrl,
        Function<HttpServerExchange, String> identify) {

    public HandlerConfig {
        allowedOrigins = List.copyOf(allowedOrigins);
    }
}
