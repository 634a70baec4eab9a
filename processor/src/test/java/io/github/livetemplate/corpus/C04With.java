package io.github.livetemplate.corpus;

import io.github.livetemplate.LiveTemplate;
import java.util.Optional;

/** Corpus 4: with and with … else, also on Optional components. */
@LiveTemplate("c04_with.tmpl")
public record C04With(
        String title,
        Optional<String> error,
        Optional<Profile> profile,
        Profile main,
        String note,
        int count) {}
