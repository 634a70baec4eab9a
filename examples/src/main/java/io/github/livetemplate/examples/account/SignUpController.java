package io.github.livetemplate.examples.account;

import io.github.livetemplate.LiveController;
import io.github.livetemplate.runtime.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The sign-up page's actions: {@code <form name="signUp">} (with or without JavaScript) validates
 * the fields against the constraints of {@link SignUpForm} and creates the account in {@link
 * Accounts}; {@code change} validates the field being typed against the same constraints.
 */
@LiveController
public final class SignUpController {
    private final Accounts accounts;

    public SignUpController(Accounts accounts) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
    }

    /**
     * Validates and creates the account, then goes to the sign-in page; keeps what was typed when
     * something is wrong.
     */
    public SignUp signUp(SignUp state, Context ctx) {
        SignUpForm form;
        try {
            form = ctx.bindAndValidate(SignUpForm.class);
        } catch (Context.BindException invalid) {
            invalid.errors().forEach(ctx::error);
            SignUpForm typed = ctx.bind(SignUpForm.class);
            return new SignUp(typed.name(), typed.email(), state.errors());
        }
        if (!accounts.create(form.email(), form.name(), form.password().toCharArray())) {
            ctx.error("email", "That address already has an account.");
            return new SignUp(form.name(), form.email(), state.errors());
        }
        ctx.redirect(
                "/signin?created=1&email="
                        + URLEncoder.encode(Accounts.key(form.email()), StandardCharsets.UTF_8));
        return SignUp.initial();
    }

    /**
     * Live validation as the user types: with JavaScript on, the client's change auto-wiring sends
     * {@code {"action":"change","data":{"email":"…"}}} (debounced) for the inputs whose value the
     * template renders, because this action exists (the first tree advertises the {@code change}
     * capability). Checks the fields that changed with the constraints of {@link SignUpForm} and
     * keeps the messages of the others.
     */
    public SignUp change(SignUp state, Context ctx) {
        Map<String, String> errors = new LinkedHashMap<>(state.errors());
        errors.keySet().removeAll(ctx.data().keySet());
        errors.putAll(ctx.validateFields(SignUpForm.class));
        errors.forEach(ctx::error);
        SignUpForm typed = ctx.bind(SignUpForm.class);
        return new SignUp(
                ctx.has("name") ? typed.name() : state.name(),
                ctx.has("email") ? typed.email() : state.email(),
                state.errors());
    }
}
