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
        String nameError = nameError(name);
        if (nameError != null) {
            ctx.error("name", nameError);
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

    /**
     * Live validation as the user types: with JavaScript on, the client's change auto-wiring sends
     * {@code {"action":"change","data":{"email":"…"}}} (debounced) for the inputs whose value the
     * template renders, because this action exists (the first tree advertises the {@code change}
     * capability). Checks the field that changed and keeps the messages of the others.
     */
    public SignUp change(SignUp state, Context ctx) {
        java.util.Map<String, String> errors = new java.util.LinkedHashMap<>(state.errors());
        String name = state.name();
        String email = state.email();
        if (ctx.has("name")) {
            name = ctx.getString("name").strip();
            errors.remove("name");
            String e = nameError(name);
            if (e != null) {
                errors.put("name", e);
            }
        }
        if (ctx.has("email")) {
            email = ctx.getString("email").strip();
            errors.remove("email");
            String e = emailError(email);
            if (e != null) {
                errors.put("email", e);
            }
        }
        errors.forEach(ctx::error);
        return new SignUp(name, email, state.errors());
    }

    /** What is wrong with {@code name}, or {@code null}. */
    static String nameError(String name) {
        if (name.isEmpty()) {
            return "Please tell us your name.";
        }
        return name.length() > 80 ? "At most 80 characters, please." : null;
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
