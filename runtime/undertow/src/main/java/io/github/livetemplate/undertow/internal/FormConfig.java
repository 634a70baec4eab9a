package io.github.livetemplate.undertow.internal;

/**
 * Internal: how a live page handler answers forms posted without the client's JSON.
 *
 * @param enabled whether native form posts run actions (else they get 415)
 * @param maxBytes the largest accepted form body, multipart included
 */
public record FormConfig(boolean enabled, long maxBytes) {

    /** On, at most 1 MiB. */
    public static final FormConfig DEFAULT = new FormConfig(true, 1024 * 1024);
}
