package io.github.livetemplate.undertow.internal;

import io.github.livetemplate.undertow.Authenticator;
import io.undertow.server.HttpServerExchange;
import java.util.Objects;

/**
 * Internal: an {@link Authenticator} with its session groups and refusal set by {@code
 * requireSignIn}, {@code requireChallenge} or {@code withSessionGroups}.
 */
public record ConfiguredAuthenticator(
        Authenticator users, Authenticator.SessionGroups groups, Authenticator.Refusal anonymous)
        implements Authenticator {

    public ConfiguredAuthenticator {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(groups, "groups");
        Objects.requireNonNull(anonymous, "anonymous");
        // wrap the base function once, not a chain of wrappers
        if (users instanceof ConfiguredAuthenticator c) {
            users = c.users();
        }
    }

    @Override
    public String user(HttpServerExchange exchange) {
        return users.user(exchange);
    }

    @Override
    public SessionGroups sessionGroups() {
        return groups;
    }

    @Override
    public Refusal refusal() {
        return anonymous;
    }
}
