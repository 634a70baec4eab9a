package io.github.livetemplate.processor.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a template's HTML into {@link Token}s: tags with their attributes, static text, and the
 * dynamic parts where they fall. Feed it the static pieces and dynamic parts in template order.
 *
 * <p>A tag whose name has a dynamic part is left out, and so is an attribute whose name has one:
 * neither can be known before rendering.
 */
public final class TagReader {
    private final HtmlTokenizer tokenizer;
    private final List<Token> tokens = new ArrayList<>();
    private final Events events = new Events();
    private HtmlTokenizer.State state = HtmlTokenizer.State.TEXT;

    /** A reader treating the content of {@code rawText} elements as text. */
    public TagReader(Set<String> rawText) {
        this.tokenizer = new HtmlTokenizer(rawText);
    }

    /** Reads static {@code text} starting at template offset {@code offset}. */
    public void text(String text, int offset) {
        events.piece = text;
        events.base = offset;
        state = tokenizer.read(state, text, events);
    }

    /** A dynamic part; {@code payload} comes back in the tokens. */
    public void dynamic(Object payload) {
        HtmlTokenizer.Mode mode = state.mode();
        boolean inTag =
                mode != HtmlTokenizer.Mode.TEXT
                        && mode != HtmlTokenizer.Mode.RAW_TEXT
                        && mode != HtmlTokenizer.Mode.COMMENT;
        tokens.add(new Token.Dynamic(payload, inTag));
        switch (mode) {
            case TAG_NAME -> events.tagDynamic = true;
            case ATTR_NAME -> events.attrDynamic = true;
            case BEFORE_VALUE -> {
                events.valueStart(state.attr(), HtmlTokenizer.Quote.UNQUOTED);
                events.value.add(new Attr.Part.Dynamic(payload));
            }
            case ATTR_VALUE -> events.value.add(new Attr.Part.Dynamic(payload));
            default -> {}
        }
        state = state.afterDynamic();
    }

    /** The tokens read so far. */
    public List<Token> tokens() {
        return List.copyOf(tokens);
    }

    /** Builds tags and attributes from the tokenizer's events. */
    private final class Events implements HtmlTokenizer.Listener {
        String piece = "";
        int base;
        // the tag being read
        private int tagOffset;
        private boolean endTag;
        boolean tagDynamic;
        private List<Attr> attrs = new ArrayList<>();
        // the attribute being read
        private int attrOffset;
        boolean attrDynamic;
        private HtmlTokenizer.Quote quote = HtmlTokenizer.Quote.NONE;
        List<Attr.Part> value = new ArrayList<>();

        @Override
        public void text(int from, int to) {
            if (to > from) {
                tokens.add(new Token.Text(piece.substring(from, to), base + from));
            }
        }

        @Override
        public void rawText(int from, int to) {
            text(from, to);
        }

        @Override
        public void tagStart(int lt, boolean end) {
            tagOffset = base + lt;
            endTag = end;
            tagDynamic = false;
            attrs = new ArrayList<>();
        }

        @Override
        public void attrStart(int at) {
            attrOffset = base + at;
            attrDynamic = false;
            quote = HtmlTokenizer.Quote.NONE;
            value = new ArrayList<>();
        }

        @Override
        public void valueStart(String attr, HtmlTokenizer.Quote q) {
            quote = q;
        }

        @Override
        public void valueText(int from, int to) {
            value.add(new Attr.Part.Static(piece.substring(from, to), base + from));
        }

        @Override
        public void attrEnd(String name) {
            if (!attrDynamic) {
                attrs.add(new Attr(name, attrOffset, quote, List.copyOf(value)));
            }
        }

        @Override
        public void startTagEnd(String element, int after, boolean selfClosing) {
            if (!tagDynamic && !element.isEmpty()) {
                tokens.add(new Tag(element, tagOffset, false, selfClosing, List.copyOf(attrs)));
            }
        }

        @Override
        public void endTagName(String element, int lt) {
            if (!element.isEmpty()) {
                tokens.add(
                        new Tag(element, lt < 0 ? tagOffset : base + lt, true, false, List.of()));
            }
        }
    }
}
