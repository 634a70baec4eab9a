package io.github.livetemplate.examples.account;

import io.github.livetemplate.LiveController;
import io.github.livetemplate.runtime.Context;
import io.github.livetemplate.runtime.FieldErrors;
import java.util.Objects;

/** The sign-in page: checks the password, sets the sign-in cookie, redirects to the account. */
@LiveController
public final class SignInController {
    private final Accounts accounts;
    private final SignIns signIns;

    public SignInController(Accounts accounts, SignIns signIns) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.signIns = Objects.requireNonNull(signIns, "signIns");
    }

    /** The notice and the page to go to next, from the query. */
    public SignIn mount(SignIn state, Context ctx) {
        String notice = "";
        if (ctx.query().containsKey("created")) {
            notice = "Your account is ready: sign in.";
        } else if (ctx.query().containsKey("out")) {
            notice = "You are signed out.";
        }
        String next = ctx.query().getOrDefault("next", "/account");
        if (!next.startsWith("/") || next.startsWith("//") || next.contains("\\")) {
            next = "/account"; // only pages of this site
        }
        return new SignIn(ctx.query().getOrDefault("email", ""), notice, next, FieldErrors.none());
    }

    /** {@code <form name="signIn">}: the password must match the account's hash. */
    public SignIn signIn(SignIn state, Context ctx) {
        String email = ctx.getString("email").strip();
        var account = accounts.check(email, ctx.getString("password").toCharArray());
        if (account.isEmpty()) {
            ctx.error("password", "That e-mail address and password do not match.");
            return new SignIn(email, "", state.next(), state.errors());
        }
        String id = signIns.start(account.get().email());
        if (id == null) {
            ctx.error("password", "Too many people are signed in; try again later.");
            return new SignIn(email, "", state.next(), state.errors());
        }
        ctx.setCookie(SignIns.COOKIE, id);
        ctx.redirect(state.next());
        return state;
    }
}
