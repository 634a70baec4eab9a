package io.github.livetemplate.examples.account;

import io.github.livetemplate.LiveTemplate;
import io.github.livetemplate.runtime.FieldErrors;

/**
 * The sign-in page: a native form (it sets a cookie, which only an HTTP response can), so it works
 * the same with JavaScript on or off.
 *
 * @param email the typed address (kept when the password was wrong)
 * @param notice a line above the form ({@code ?created=1} after signing up, {@code ?out=1} after
 *     signing out)
 * @param next where to go after signing in (a path on this site)
 * @param errors {@code password} when the address and password do not match
 */
@LiveTemplate("signin.tmpl")
public record SignIn(String email, String notice, String next, FieldErrors errors) {

    /** An empty form. */
    public static SignIn initial() {
        return new SignIn("", "", "/account", FieldErrors.none());
    }
}
