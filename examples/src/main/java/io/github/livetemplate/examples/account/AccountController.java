package io.github.livetemplate.examples.account;

import io.github.livetemplate.LiveController;
import io.github.livetemplate.runtime.Context;
import io.github.livetemplate.undertow.LiveHandler;
import java.util.Objects;

/**
 * The account page: shows the signed-in user ({@code ctx.userId()} is the address, told by the
 * handler's authenticator); signs out.
 */
@LiveController
public final class AccountController {
    private final Accounts accounts;
    private final SignIns signIns;
    private volatile LiveHandler<Account> handler;

    public AccountController(Accounts accounts, SignIns signIns) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.signIns = Objects.requireNonNull(signIns, "signIns");
    }

    /** Remembers the handler built for this controller (to close a signed-out user's sockets). */
    public LiveHandler<Account> attach(LiveHandler<Account> handler) {
        this.handler = handler;
        return handler;
    }

    public Account mount(Account state, Context ctx) {
        return accounts.find(ctx.userId())
                .map(a -> new Account(a.name(), a.email(), 0))
                .orElse(state);
    }

    /**
     * "Still signed in?" (over the WebSocket): when the sign-in ended elsewhere, goes to the
     * sign-in page (a redirect the client follows).
     */
    public Account check(Account state, Context ctx) {
        if (signIns.user(ctx.cookie(SignIns.COOKIE)) == null) {
            ctx.redirect("/signin?out=1");
            return state;
        }
        return new Account(state.name(), state.email(), state.checks() + 1);
    }

    /**
     * {@code <form name="signOut" lvt-form:no-intercept>}: ends the sign-in, deletes the cookie,
     * closes the user's other tabs' sockets, and goes to the sign-in page.
     */
    public Account signOut(Account state, Context ctx) {
        signIns.end(ctx.cookie(SignIns.COOKIE));
        ctx.deleteCookie(SignIns.COOKIE);
        LiveHandler<Account> h = handler;
        if (h != null) {
            h.signOut(ctx.userId());
        }
        ctx.redirect("/signin?out=1");
        return state;
    }
}
