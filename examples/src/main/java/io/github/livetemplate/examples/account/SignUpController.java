package io.github.livetemplate.examples.account;

import io.github.livetemplate.LiveController;
import io.github.livetemplate.runtime.Context;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The sign-up page's action: {@code <form name="signUp">} (with or without JavaScript) validates
 * the fields and creates the account in {@link Accounts}.
 */
@LiveController
public final class SignUpController {
    /** Something, an {@code @}, something with a dot: the check a form can explain. */
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** The shortest accepted password. */
    public static final int MIN_PASSWORD = 8;

    private final Accounts accounts;

    public SignUpController(Accounts accounts) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
    }

    /**
     * Validates and creates the account, then goes to the sign-in page; keeps what was typed when
     * something is wrong.
     */
    public SignUp signUp(SignUp state, Context ctx) {
        String name = ctx.getString("name").strip();
        String email = ctx.getString("email").strip();
        String password = ctx.getString("password");
        String emailError = emailError(email);
        if (name.isEmpty()) {
            ctx.error("name", "Please tell us your name.");
        } else if (name.length() > 80) {
            ctx.error("name", "At most 80 characters, please.");
        }
        if (emailError != null) {
            ctx.error("email", emailError);
        }
        if (password.length() < MIN_PASSWORD) {
            ctx.error("password", "At least " + MIN_PASSWORD + " characters, please.");
        }
        if (ctx.hasErrors()) {
            return new SignUp(name, email, state.errors());
        }
        if (!accounts.create(email, name, password.toCharArray())) {
            ctx.error("email", "That address already has an account.");
            return new SignUp(name, email, state.errors());
        }
        ctx.redirect(
                "/signin?created=1&email="
                        + java.net.URLEncoder.encode(
                                Accounts.key(email), java.nio.charset.StandardCharsets.UTF_8));
        return SignUp.initial();
    }

    /** What is wrong with {@code email}, or {@code null}. */
    static String emailError(String email) {
        if (email.isEmpty()) {
            return "Please give an e-mail address.";
        }
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            return "That does not look like an e-mail address.";
        }
        return null;
    }
}
