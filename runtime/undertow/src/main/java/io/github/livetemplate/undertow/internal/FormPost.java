package io.github.livetemplate.undertow.internal;

import io.github.livetemplate.runtime.engine.CsrfTokens;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.form.FormData;
import io.undertow.server.handlers.form.FormDataParser;
import io.undertow.server.handlers.form.FormEncodedDataDefinition;
import io.undertow.server.handlers.form.FormParserFactory;
import io.undertow.server.handlers.form.MultiPartParserDefinition;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Internal: reading a form posted without the client's JSON (docs/runtime.md, "Forms without
 * JavaScript"): its fields, its action (routed as the Go reference does), its CSRF token, and the
 * {@code Sec-Fetch-Site} rule shared by every state-changing request.
 */
final class FormPost {
    private static final HttpString SEC_FETCH_SITE = new HttpString("Sec-Fetch-Site");

    /** The default action of a form with no other routing. */
    static final String DEFAULT_ACTION = "submit";

    /**
     * What was posted.
     *
     * @param action the routed action
     * @param submitter the clicked button's name, {@code ""} when unknown
     * @param token the {@code lvt-csrf} field, or {@code null}
     * @param data the application's fields: a string per name, a list for repeated names
     * @param files how many file parts were left out
     */
    record Posted(
            String action, String submitter, String token, Map<String, Object> data, int files) {}

    private FormPost() {}

    /** Whether {@code contentType} is a form encoding this path reads. */
    static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        String t = contentType.toLowerCase(Locale.ROOT).trim();
        return t.startsWith(FormEncodedDataDefinition.APPLICATION_X_WWW_FORM_URLENCODED)
                || t.startsWith(MultiPartParserDefinition.MULTIPART_FORM_DATA);
    }

    /**
     * Whether a browser says the request comes from another site ({@code Sec-Fetch-Site:
     * cross-site}). Refused unless the application allowed other origins, whose pages are another
     * site by definition (the {@code Origin} check then decides).
     */
    static boolean crossSite(HttpServerExchange exchange, boolean otherOriginsAllowed) {
        String site = exchange.getRequestHeaders().getFirst(SEC_FETCH_SITE);
        return !otherOriginsAllowed
                && site != null
                && site.trim().toLowerCase(Locale.ROOT).equals("cross-site");
    }

    /**
     * Parses the body (blocking; call on a worker thread with blocking started), at most {@code
     * maxBytes} in all.
     *
     * @throws IOException when the body is unreadable or too large
     */
    static Posted parse(
            HttpServerExchange exchange,
            long maxBytes,
            java.util.function.Predicate<String> isAction)
            throws IOException {
        exchange.setMaxEntitySize(maxBytes);
        MultiPartParserDefinition multipart = new MultiPartParserDefinition();
        multipart.setDefaultEncoding("UTF-8");
        multipart.setMaxIndividualFileSize(maxBytes);
        multipart.setFileSizeThreshold(maxBytes); // files stay in memory, bounded
        FormParserFactory factory =
                FormParserFactory.builder(false)
                        .addParsers(
                                new FormEncodedDataDefinition().setDefaultEncoding("UTF-8"),
                                multipart)
                        .withDefaultCharset("UTF-8")
                        .build();
        try (FormDataParser parser = factory.createParser(exchange)) {
            if (parser == null) {
                throw new IOException("not a form");
            }
            return read(parser.parseBlocking(), isAction);
        }
    }

    /** The fields of {@code form}, routed. */
    static Posted read(FormData form, java.util.function.Predicate<String> isAction) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        int files = 0;
        for (String name : form) {
            for (FormData.FormValue v : form.get(name)) {
                if (v.isFileItem()) {
                    files++;
                } else {
                    fields.computeIfAbsent(name, k -> new ArrayList<>()).add(v.getValue());
                }
            }
        }
        return route(fields, files, isAction);
    }

    /**
     * Routes {@code fields} (in order): field {@code lvt-action}, then {@code lvt-submitter}, then
     * the one empty-valued field that names an action (a clicked {@code <button name="x">}; an
     * empty text input next to it does not count, as it would in the Go reference), then {@code
     * lvt-form} (the form's name), then {@value #DEFAULT_ACTION}. The routing fields and the
     * clicked button are not part of the data.
     */
    static Posted route(
            Map<String, List<String>> fields,
            int files,
            java.util.function.Predicate<String> isAction) {
        String token = first(fields, CsrfTokens.FIELD);
        String lvtAction = first(fields, "lvt-action");
        String lvtSubmitter = first(fields, "lvt-submitter");
        String formName = first(fields, "lvt-form");
        Map<String, Object> data = new LinkedHashMap<>();
        String emptyOne = null;
        int empties = 0;
        for (Map.Entry<String, List<String>> e : fields.entrySet()) {
            String name = e.getKey();
            if (name.equals(CsrfTokens.FIELD)
                    || name.equals("lvt-action")
                    || name.equals("lvt-submitter")
                    || name.equals("lvt-form")) {
                continue;
            }
            List<String> values = e.getValue();
            if (values.size() == 1 && values.get(0).isEmpty() && isAction.test(name)) {
                empties++;
                emptyOne = name;
            }
            data.put(
                    name,
                    values.size() == 1
                            ? values.get(0)
                            : Collections.unmodifiableList(new ArrayList<>(values)));
        }
        String action;
        String submitter = "";
        if (!isBlank(lvtAction)) {
            action = lvtAction.trim();
            submitter = isBlank(lvtSubmitter) ? "" : lvtSubmitter.trim();
        } else if (!isBlank(lvtSubmitter)) {
            action = lvtSubmitter.trim();
            submitter = action;
        } else if (empties == 1) {
            action = emptyOne;
            submitter = emptyOne;
        } else if (!isBlank(formName)) {
            action = formName.trim();
        } else {
            action = DEFAULT_ACTION;
        }
        if (!submitter.isEmpty()) {
            Object v = data.get(submitter);
            if ("".equals(v)) {
                data.remove(submitter); // the clicked button itself, as the client leaves it out
            }
        }
        return new Posted(
                action,
                submitter,
                token,
                data.isEmpty() ? Map.of() : Collections.unmodifiableMap(data),
                files);
    }

    private static String first(Map<String, List<String>> fields, String name) {
        List<String> v = fields.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
