package io.github.livetemplate.examples.account;

import io.github.livetemplate.LiveTemplate;
import io.github.livetemplate.runtime.FieldErrors;

/**
 * The sign-up page: what the user typed (so that a page re-rendered with errors keeps it), the
 * validation messages and the welcome flash. Works with JavaScript off: the form posts natively, a
 * success redirects back to the page (which shows the flash once), errors re-render it.
 *
 * @param name the typed display name
 * @param email the typed e-mail address
 * @param errors messages by field ({@code name}, {@code email}, {@code password})
 */
@LiveTemplate("signup.tmpl")
public record SignUp(String name, String email, FieldErrors errors) {

    /** An empty form. */
    public static SignUp initial() {
        return new SignUp("", "", FieldErrors.none());
    }
}
