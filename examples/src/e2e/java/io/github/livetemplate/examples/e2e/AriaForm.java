package io.github.livetemplate.examples.e2e;

import io.github.livetemplate.LiveTemplate;

/**
 * A form whose e-mail input carries {@code {{.lvt.AriaInvalid "email"}}}, for {@link
 * AriaInvalidBrowserTest}: what the unmodified client does when that attribute slot changes.
 */
@LiveTemplate("aria.tmpl")
public record AriaForm(String email) {}
