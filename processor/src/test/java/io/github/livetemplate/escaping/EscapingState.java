package io.github.livetemplate.escaping;

import io.github.livetemplate.LiveTemplate;
import io.github.livetemplate.runtime.TrustedHtml;

/**
 * State of the end-to-end escaping template: {@code v} is printed in every HTML context of {@code
 * escaping.tmpl}, {@code trusted} in text (raw) and in an attribute and {@code <title>} (escaped).
 */
@LiveTemplate("escaping.tmpl")
public record EscapingState(String v, TrustedHtml trusted) {}
