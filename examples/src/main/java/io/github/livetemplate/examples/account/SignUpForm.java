package io.github.livetemplate.examples.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What the sign-up form submits, with its rules as Jakarta Bean Validation constraints: the submit
 * checks them all ({@code ctx.bindAndValidate}), the {@code change} action checks the field being
 * typed ({@code ctx.validateFields}). The messages are the ones the page shows.
 *
 * @param name the display name, trimmed
 * @param email the e-mail address, trimmed
 * @param password the password, as typed
 */
public record SignUpForm(
        @NotBlank(message = "Please tell us your name.")
                @Size(max = 80, message = "At most {max} characters, please.")
                String name,
        @NotBlank(message = "Please give an e-mail address.")
                // something, an @, something with a dot: the check a form can explain
                @Email(
                        regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+",
                        message = "That does not look like an e-mail address.")
                @Size(max = 254, message = "That does not look like an e-mail address.")
                String email,
        @NotNull(message = "At least " + SignUpForm.MIN_PASSWORD + " characters, please.")
                @Size(min = SignUpForm.MIN_PASSWORD, message = "At least {min} characters, please.")
                String password) {

    /** The shortest accepted password. */
    public static final int MIN_PASSWORD = 8;

    /** Trims what the user cannot mean (surrounding spaces); a missing text is empty. */
    public SignUpForm {
        name = name == null ? "" : name.strip();
        email = email == null ? "" : email.strip();
    }
}
