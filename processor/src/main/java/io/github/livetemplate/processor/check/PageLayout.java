package io.github.livetemplate.processor.check;

import io.github.livetemplate.processor.parse.Pos;
import java.util.Locale;

/** The page as a whole: whether it is a full document, where it ends, and its hash. */
final class PageLayout {
    private PageLayout() {}

    static Pos endOf(String text) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        if (lineStart == text.length() && line > 1) {
            // A trailing newline: point at the end of the last line instead of an empty one.
            int prev = text.lastIndexOf('\n', text.length() - 2) + 1;
            return new Pos(text.length() - 1, line - 1, text.length() - prev);
        }
        return new Pos(text.length(), line, text.length() - lineStart + 1);
    }

    static String describe(HtmlContext.State state) {
        return switch (state) {
            case TAG_NAME, TAG, ATTR_NAME, AFTER_ATTR_NAME, BEFORE_VALUE -> "a tag";
            case ATTR_VALUE -> "an attribute value";
            case SCRIPT -> "a <script> element";
            case STYLE -> "a <style> element";
            case RCDATA -> "a <title> or <textarea> element";
            case COMMENT -> "an HTML comment";
            case END_TAG -> "an end tag";
            default -> "HTML text";
        };
    }

    /** A document starts (after white space and comments) with a doctype or {@code <html>}. */
    static boolean startsAsDocument(String text) {
        String t = text.stripLeading().toLowerCase(Locale.ROOT);
        return t.startsWith("<!doctype") || t.startsWith("<html") || t.contains("<body");
    }

    static String hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        return String.format("%016x", h);
    }
}
