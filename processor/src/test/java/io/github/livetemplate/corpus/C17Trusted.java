package io.github.livetemplate.corpus;

import io.github.livetemplate.LiveTemplate;
import io.github.livetemplate.runtime.TrustedHtml;
import java.util.List;

/** Corpus 17: TrustedHtml printed in text (and escaped elsewhere). */
@LiveTemplate("c17_trusted.tmpl")
public record C17Trusted(TrustedHtml banner, String plain, List<Post> posts) {

    /** A keyed row with trusted markup. */
    public record Post(String id, String title, TrustedHtml body) {}
}
