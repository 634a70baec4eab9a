package io.github.livetemplate.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a template reads under {@code .lvt}, as Go livetemplate's template context: the field errors
 * of the last action, the flash messages and the mode. No state record declares it: every template
 * can use {@code {{.lvt.Error "email"}}} or {@code <input {{.lvt.AriaInvalid "email"}}>}, the live
 * runtime fills it for every render of a connection, and a renderer used on its own ({@link
 * LiveRenderer#html(Object)}) sees {@link #empty()}.
 *
 * <p>Method names follow Go's ({@code .lvt.HasError} calls {@link #hasError}); values are Go's: an
 * unknown field or key gives {@code ""} or {@code false}; {@link #errorTag} and {@link #flashTag}
 * are markup with the message escaped; {@link #ariaInvalid} and {@link #ariaDisabled} are
 * attributes for where an attribute name may start. Immutable; two contexts with the same content
 * are equal, so a diff re-sends only the slots whose value changed.
 */
public final class TemplateContext {
    private static final TemplateContext EMPTY =
            new TemplateContext(Map.of(), Map.of(), false, false, Map.of());

    private final Map<String, String> errors;
    private final Map<String, String> flash;
    private final boolean devMode;
    private final boolean pending;

    /** The upload entries by upload name; set by {@link #withUploads}, empty otherwise. */
    private final Map<String, List<UploadEntry>> uploads;

    private TemplateContext(
            Map<String, String> errors,
            Map<String, String> flash,
            boolean devMode,
            boolean pending,
            Map<String, List<UploadEntry>> uploads) {
        this.errors = copy(errors);
        this.flash = copy(flash);
        this.devMode = devMode;
        this.pending = pending;
        this.uploads = uploads;
    }

    private static Map<String, String> copy(Map<String, String> m) {
        return m.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /** No errors, no flash, not in development mode. */
    public static TemplateContext empty() {
        return EMPTY;
    }

    /**
     * A context of field errors (field name to message, in their order), flash messages (key to
     * message) and the development-mode flag.
     */
    public static TemplateContext of(
            Map<String, String> errors, Map<String, String> flash, boolean devMode) {
        Objects.requireNonNull(errors, "errors");
        Objects.requireNonNull(flash, "flash");
        if (errors.isEmpty() && flash.isEmpty() && !devMode) {
            return EMPTY;
        }
        return new TemplateContext(errors, flash, devMode, false, Map.of());
    }

    /**
     * This context with {@code .lvt.Pending} set to {@code pending}: the live runtime sets it while
     * work the connection started with {@code ctx.async} has not been applied yet.
     */
    public TemplateContext withPending(boolean pending) {
        if (pending == this.pending) {
            return this;
        }
        if (!pending && errors.isEmpty() && flash.isEmpty() && !devMode && uploads.isEmpty()) {
            return EMPTY;
        }
        return new TemplateContext(errors, flash, devMode, pending, uploads);
    }

    // ------------------------------------------------------------------ errors

    /** {@code .lvt.Errors}: every field error, field name to message. */
    public Map<String, String> errors() {
        return errors;
    }

    /** {@code .lvt.HasError "f"}: whether field {@code f} has an error. */
    public boolean hasError(String field) {
        return errors.containsKey(field);
    }

    /** {@code .lvt.HasAnyError}: whether any field has an error. */
    public boolean hasAnyError() {
        return !errors.isEmpty();
    }

    /** {@code .lvt.Error "f"}: the message of field {@code f}, or {@code ""}. */
    public String error(String field) {
        return errors.getOrDefault(field, "");
    }

    /**
     * {@code .lvt.ErrorTag "f"}: {@code <small>message</small>} with the message HTML-escaped, or
     * nothing when the field has no error.
     */
    public TrustedHtml errorTag(String field) {
        String msg = error(field);
        return TrustedHtml.of(msg.isEmpty() ? "" : "<small>" + escape(msg) + "</small>");
    }

    /**
     * {@code .lvt.AriaInvalid "f"}: {@code aria-invalid="true"} when field {@code f} has an error,
     * else nothing; write it where an attribute may start: {@code <input {{.lvt.AriaInvalid
     * "email"}}>}.
     */
    public TrustedAttr ariaInvalid(String field) {
        return hasError(field) ? TrustedAttr.of("aria-invalid=\"true\"") : TrustedAttr.none();
    }

    /**
     * {@code .lvt.AriaDisabled "a" "b"}: {@code aria-disabled="true"} when any of the fields has an
     * error, else nothing (for a submit button next to the fields).
     */
    public TrustedAttr ariaDisabled(String... fields) {
        for (String f : fields) {
            if (hasError(f)) {
                return TrustedAttr.of("aria-disabled=\"true\"");
            }
        }
        return TrustedAttr.none();
    }

    // ------------------------------------------------------------------ flash

    /** {@code .lvt.Flash "k"}: the flash message of key {@code k}, or {@code ""}. */
    public String flash(String key) {
        return flash.getOrDefault(key, "");
    }

    /** {@code .lvt.HasFlash "k"}: whether key {@code k} has a flash message. */
    public boolean hasFlash(String key) {
        return flash.containsKey(key);
    }

    /** {@code .lvt.HasAnyFlash}: whether there is any flash message. */
    public boolean hasAnyFlash() {
        return !flash.isEmpty();
    }

    /** {@code .lvt.AllFlash}: every flash message, key to message. */
    public Map<String, String> allFlash() {
        return flash;
    }

    /**
     * {@code .lvt.FlashTag "k"}: {@code <output role="status" data-flash="k">message</output>}
     * ({@code role="alert"} for the key {@code error}), escaped, or nothing without a message.
     */
    public TrustedHtml flashTag(String key) {
        String msg = flash(key);
        if (msg.isEmpty()) {
            return TrustedHtml.of("");
        }
        String role = key.equals("error") ? "alert" : "status";
        return TrustedHtml.of(
                "<output role=\""
                        + role
                        + "\" data-flash=\""
                        + escape(key)
                        + "\">"
                        + escape(msg)
                        + "</output>");
    }

    // ------------------------------------------------------------------ uploads

    /**
     * One file of an upload as {@code .lvt.Uploads "name"} lists it (Go's {@code UploadEntry}):
     * what the browser announced, how far it arrived, and why it was refused.
     *
     * @param id the entry id the server gave the file
     * @param clientName the file name the browser reported (escaped when printed)
     * @param clientType the MIME type the browser reported
     * @param clientSize the size the browser announced
     * @param progress percent of the bytes arrived, 0 to 100
     * @param done whether the file arrived completely and its action ran
     * @param valid whether the server accepted the file
     * @param error why it was refused, or {@code ""}
     */
    public record UploadEntry(
            String id,
            String clientName,
            String clientType,
            long clientSize,
            int progress,
            boolean done,
            boolean valid,
            String error) {}

    /**
     * This context with the connection's upload entries (the engine fills them for every render of
     * a page that declares uploads).
     */
    public TemplateContext withUploads(Map<String, List<UploadEntry>> entries) {
        Objects.requireNonNull(entries, "entries");
        if (entries.equals(uploads)) {
            return this;
        }
        Map<String, List<UploadEntry>> copy = new LinkedHashMap<>();
        entries.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return new TemplateContext(
                errors, flash, devMode, pending, Collections.unmodifiableMap(copy));
    }

    /** {@code .lvt.Uploads "name"}: the entries of upload {@code name}, in the order announced. */
    public List<UploadEntry> uploads(String name) {
        return uploads.getOrDefault(name, List.of());
    }

    /** {@code .lvt.HasUploadError "name"}: whether an entry of upload {@code name} was refused. */
    public boolean hasUploadError(String name) {
        return !uploadError(name).isEmpty();
    }

    /** {@code .lvt.UploadError "name"}: the first refusal of upload {@code name}, or {@code ""}. */
    public String uploadError(String name) {
        for (UploadEntry e : uploads(name)) {
            if (!e.error().isEmpty()) {
                return e.error();
            }
        }
        return "";
    }

    /**
     * {@code .lvt.UploadPreview "name"}: {@code <img data-lvt-upload-preview="name" alt="">}, the
     * placeholder the client points at the chosen file's local object URL (preview mode) after
     * every update; the server never sees the image.
     */
    public TrustedHtml uploadPreview(String name) {
        return TrustedHtml.of("<img data-lvt-upload-preview=\"" + escape(name) + "\" alt=\"\">");
    }

    // ------------------------------------------------------------------ mode

    /** {@code .lvt.DevMode}: whether the page runs in development mode. */
    public boolean devMode() {
        return devMode;
    }

    // ------------------------------------------------------------------ async work

    /**
     * {@code .lvt.Pending}: whether work this connection started with {@code ctx.async} is still
     * running (its {@code apply} has not run yet); false for a renderer used on its own.
     */
    public boolean pending() {
        return pending;
    }

    /** As Go's {@code html.EscapeString}: {@code < > & ' "}. */
    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '\'' -> b.append("&#39;");
                case '"' -> b.append("&#34;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TemplateContext c
                && devMode == c.devMode
                && pending == c.pending
                && errors.equals(c.errors)
                && flash.equals(c.flash)
                && uploads.equals(c.uploads);
    }

    @Override
    public int hashCode() {
        return Objects.hash(errors, flash, devMode, pending, uploads);
    }

    @Override
    public String toString() {
        return "TemplateContext[errors="
                + errors
                + ", flash="
                + flash
                + ", devMode="
                + devMode
                + ", pending="
                + pending
                + ", uploads="
                + uploads
                + "]";
    }
}
