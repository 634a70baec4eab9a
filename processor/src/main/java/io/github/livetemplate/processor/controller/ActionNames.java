package io.github.livetemplate.processor.controller;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Action names and the names the client sends for them.
 *
 * <p>A method answers its own name and the camelCase, snake_case, kebab-case and PascalCase
 * spellings of it, like Go's livetemplate: {@code saveDraft} answers {@code saveDraft}, {@code
 * save_draft}, {@code save-draft} and {@code SaveDraft}. Lookups are exact.
 */
public final class ActionNames {
    private ActionNames() {}

    /**
     * Names the runtime answers itself, which the template may send whether or not the controller
     * has them. {@code submit} and {@code load_more} are not here: a controller must implement them
     * when its template sends them.
     */
    public static final Set<String> RESERVED =
            Set.of(
                    "__ping__",
                    "__navigate__",
                    "change",
                    "upload_start",
                    "upload_chunk",
                    "upload_complete",
                    "cancel_upload");

    /** Names the runtime handles before any action dispatch; a controller cannot claim them. */
    public static final Set<String> RUNTIME_ONLY = Set.of("__ping__", "__navigate__");

    /** The spellings a method named {@code method} answers, the method name first. */
    public static List<String> derived(String method) {
        List<String> words = words(method);
        Set<String> out = new LinkedHashSet<>();
        out.add(method);
        if (!words.isEmpty()) {
            StringBuilder camel = new StringBuilder(words.get(0).toLowerCase(Locale.ROOT));
            StringBuilder pascal = new StringBuilder();
            for (int i = 0; i < words.size(); i++) {
                if (i > 0) {
                    camel.append(capitalize(words.get(i)));
                }
                pascal.append(capitalize(words.get(i)));
            }
            out.add(camel.toString());
            out.add(join(words, "_"));
            out.add(join(words, "-"));
            out.add(pascal.toString());
        }
        return List.copyOf(out);
    }

    /**
     * Splits a Java identifier into words: at {@code _} and {@code $}, before an upper-case letter
     * that follows a lower-case letter or digit, and before the last capital of an acronym that is
     * followed by a lower-case letter ({@code loadHTMLPage} is {@code load, HTML, Page}).
     */
    static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_' || c == '$') {
                flush(words, word);
                continue;
            }
            if (Character.isUpperCase(c) && word.length() > 0) {
                char prev = name.charAt(i - 1);
                boolean afterLower = Character.isLowerCase(prev) || Character.isDigit(prev);
                boolean acronymEnd =
                        Character.isUpperCase(prev)
                                && i + 1 < name.length()
                                && Character.isLowerCase(name.charAt(i + 1));
                if (afterLower || acronymEnd) {
                    flush(words, word);
                }
            }
            word.append(c);
        }
        flush(words, word);
        return words;
    }

    private static void flush(List<String> words, StringBuilder word) {
        if (word.length() > 0) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    private static String capitalize(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static String join(List<String> words, String sep) {
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            if (b.length() > 0) {
                b.append(sep);
            }
            b.append(w.toLowerCase(Locale.ROOT));
        }
        return b.toString();
    }

    /**
     * A method name that answers {@code action} ({@code clear-done} gives {@code clearDone}), or
     * null when no derived spelling matches it and it needs {@code @Action}.
     */
    public static String methodFor(String action) {
        List<String> words = new ArrayList<>();
        for (String part : action.split("[-_]")) {
            words.addAll(words(part));
        }
        if (words.isEmpty()) {
            return null;
        }
        StringBuilder camel = new StringBuilder(words.get(0).toLowerCase(Locale.ROOT));
        for (int i = 1; i < words.size(); i++) {
            camel.append(capitalize(words.get(i)));
        }
        String method = camel.toString();
        return isJavaIdentifier(method) && derived(method).contains(action) ? method : null;
    }

    /** Whether {@code name} could be a Java method name (for "add a method …" hints). */
    static boolean isJavaIdentifier(String name) {
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isJavaIdentifierPart(name.charAt(i))) {
                return false;
            }
        }
        return javax.lang.model.SourceVersion.isName(name);
    }
}
