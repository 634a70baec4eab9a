package io.github.livetemplate.examples.account;

import io.github.livetemplate.LiveTemplate;

/**
 * The protected account page: only signed-in users reach it ({@code
 * signIns.authenticator().requireSignIn("/signin")}).
 *
 * @param name the user's display name
 * @param email the user's address
 * @param checks how often the user pressed "Still signed in?"
 */
@LiveTemplate("account.tmpl")
public record Account(String name, String email, int checks) {

    /** Before {@code mount} loads the user. */
    public static Account initial() {
        return new Account("", "", 0);
    }
}
