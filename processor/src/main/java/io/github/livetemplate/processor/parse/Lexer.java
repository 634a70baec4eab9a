package io.github.livetemplate.processor.parse;

import java.util.Arrays;
import java.util.Map;

/**
 * Splits a template into tokens, following Go's {@code text/template/parse} lexer.
 *
 * <p>The lexer is pulled by the parser one token at a time ({@link #next()}), so a lexical error is
 * only reported when the parser reaches it, as in Go. It has two modes: outside an action it
 * produces text (with trim markers applied) and comments; inside an action it produces the action's
 * tokens, including {@link Kind#SPACE} tokens, because spaces separate arguments.
 */
final class Lexer {

    enum Kind {
        TEXT,
        COMMENT,
        LEFT_DELIM,
        RIGHT_DELIM,
        SPACE,
        EOF,
        IDENTIFIER,
        FIELD,
        VARIABLE,
        DOT,
        NIL,
        BOOL,
        NUMBER,
        COMPLEX,
        CHAR_CONSTANT,
        STRING,
        RAW_STRING,
        PIPE,
        LEFT_PAREN,
        RIGHT_PAREN,
        DECLARE,
        ASSIGN,
        /** Any other printable ASCII character, e.g. {@code ,}. */
        CHAR,
        // Keywords.
        IF,
        ELSE,
        END,
        RANGE,
        WITH,
        DEFINE,
        TEMPLATE,
        BLOCK,
        BREAK,
        CONTINUE;

        boolean isKeyword() {
            return ordinal() >= IF.ordinal();
        }
    }

    /** A token: its kind, its source text (for TEXT: the trimmed text) and its start offset. */
    record Token(Kind kind, String text, int offset) {
        /** How Go prints a token in error messages. */
        String describe() {
            if (kind == Kind.EOF) {
                return "EOF";
            }
            if (kind.isKeyword()) {
                return "<" + text + ">";
            }
            if (text.length() > 10) {
                return quote(text.substring(0, 10)) + "...";
            }
            return quote(text);
        }
    }

    private static final Map<String, Kind> KEYWORDS =
            Map.ofEntries(
                    Map.entry("if", Kind.IF),
                    Map.entry("else", Kind.ELSE),
                    Map.entry("end", Kind.END),
                    Map.entry("range", Kind.RANGE),
                    Map.entry("with", Kind.WITH),
                    Map.entry("define", Kind.DEFINE),
                    Map.entry("template", Kind.TEMPLATE),
                    Map.entry("block", Kind.BLOCK),
                    Map.entry("break", Kind.BREAK),
                    Map.entry("continue", Kind.CONTINUE),
                    Map.entry("nil", Kind.NIL),
                    Map.entry("true", Kind.BOOL),
                    Map.entry("false", Kind.BOOL));

    private static final String LEFT = "{{";
    private static final String RIGHT = "}}";
    private static final String LEFT_COMMENT = "/*";
    private static final String RIGHT_COMMENT = "*/";

    /** A trim marker is a '-' plus one white space char. */
    private static final int TRIM_MARKER_LEN = 2;

    private final String input;
    private final int[] lineStarts;

    /** Added to every position's offset: where this file starts in its template set. */
    private final int base;

    private int pos;
    private boolean insideAction;
    private int parenDepth;

    /** Offset of the left delimiter of the current action, for "started at" in errors. */
    private int actionStart;

    Lexer(String input) {
        this(input, 0);
    }

    Lexer(String input, int base) {
        this.input = input;
        this.base = base;
        int lines = 1;
        for (int i = 0; i < input.length(); i++) {
            if (input.charAt(i) == '\n') {
                lines++;
            }
        }
        lineStarts = new int[lines];
        int line = 1;
        for (int i = 0; i < input.length(); i++) {
            if (input.charAt(i) == '\n') {
                lineStarts[line++] = i + 1;
            }
        }
    }

    /** The line/column of an offset. */
    Pos pos(int offset) {
        int idx = Arrays.binarySearch(lineStarts, offset);
        int line = idx >= 0 ? idx : -idx - 2;
        return new Pos(base + offset, line + 1, offset - lineStarts[line] + 1);
    }

    /** The next token; {@link Kind#EOF} forever once the input is consumed. */
    Token next() throws TemplateSyntaxException {
        return insideAction ? lexInsideAction() : lexText();
    }

    // ---------------------------------------------------------------- outside actions

    private Token lexText() throws TemplateSyntaxException {
        int start = pos;
        int x = input.indexOf(LEFT, pos);
        if (x < 0) {
            pos = input.length();
            return pos > start
                    ? new Token(Kind.TEXT, input.substring(start), start)
                    : new Token(Kind.EOF, "", pos);
        }
        if (x > start) {
            int end = x;
            if (hasLeftTrimMarker(x + LEFT.length())) {
                while (end > start && isSpace(input.charAt(end - 1))) {
                    end--;
                }
            }
            pos = x;
            if (end > start) {
                return new Token(Kind.TEXT, input.substring(start, end), start);
            }
        }
        return lexLeftDelim();
    }

    /** At the left delimiter: either a whole comment or the start of an action. */
    private Token lexLeftDelim() throws TemplateSyntaxException {
        int delimStart = pos;
        pos += LEFT.length();
        int afterMarker = hasLeftTrimMarker(pos) ? TRIM_MARKER_LEN : 0;
        if (input.startsWith(LEFT_COMMENT, pos + afterMarker)) {
            pos += afterMarker;
            return lexComment();
        }
        insideAction = true;
        parenDepth = 0;
        actionStart = delimStart;
        pos += afterMarker;
        return new Token(Kind.LEFT_DELIM, LEFT, delimStart);
    }

    private Token lexComment() throws TemplateSyntaxException {
        int start = pos;
        int x = input.indexOf(RIGHT_COMMENT, pos + LEFT_COMMENT.length());
        if (x < 0) {
            throw error(start, "unclosed comment");
        }
        pos = x + RIGHT_COMMENT.length();
        Token comment = new Token(Kind.COMMENT, input.substring(start, pos), start);
        int delim = atRightDelim();
        if (delim == 0) {
            throw error(pos, "comment ends before closing delimiter");
        }
        skipRightDelim(delim);
        return comment;
    }

    // ---------------------------------------------------------------- inside actions

    private Token lexInsideAction() throws TemplateSyntaxException {
        int delim = atRightDelim();
        if (delim != 0) {
            if (parenDepth != 0) {
                throw error(pos, "unclosed left paren");
            }
            int start = pos + (delim == 2 ? TRIM_MARKER_LEN : 0);
            skipRightDelim(delim);
            insideAction = false;
            return new Token(Kind.RIGHT_DELIM, RIGHT, start);
        }
        int start = pos;
        if (pos >= input.length()) {
            throw error(pos, "unclosed action");
        }
        char c = input.charAt(pos);
        if (isSpace(c)) {
            return lexSpace();
        }
        switch (c) {
            case '=':
                return single(Kind.ASSIGN);
            case ':':
                if (!input.startsWith(":=", pos)) {
                    throw error(pos, "expected :=");
                }
                pos += 2;
                return new Token(Kind.DECLARE, ":=", start);
            case '|':
                return single(Kind.PIPE);
            case '"':
                return lexQuote();
            case '`':
                return lexRawQuote();
            case '\'':
                return lexChar();
            case '$':
                pos++;
                return lexFieldOrVariable(Kind.VARIABLE, start);
            case '(':
                parenDepth++;
                return single(Kind.LEFT_PAREN);
            case ')':
                if (--parenDepth < 0) {
                    throw error(pos, "unexpected right paren");
                }
                return single(Kind.RIGHT_PAREN);
            case '.':
                // ".5" is a number; anything else is a field or dot.
                if (pos + 1 >= input.length() || !isDigit(input.charAt(pos + 1))) {
                    pos++;
                    return lexFieldOrVariable(Kind.FIELD, start);
                }
                return lexNumber();
            default:
                break;
        }
        if (c == '+' || c == '-' || isDigit(c)) {
            return lexNumber();
        }
        int cp = input.codePointAt(pos);
        if (isAlphaNumeric(cp)) {
            return lexIdentifier();
        }
        if (cp < 0x7f && cp >= 0x20) {
            return single(Kind.CHAR);
        }
        throw error(pos, "unrecognized character in action: " + describeChar(cp));
    }

    private Token single(Kind kind) {
        int start = pos++;
        return new Token(kind, input.substring(start, pos), start);
    }

    private Token lexSpace() throws TemplateSyntaxException {
        int start = pos;
        while (pos < input.length() && isSpace(input.charAt(pos))) {
            pos++;
        }
        // Leave the last space for a following " -}}"; if it was the only one, no token is needed.
        if (atRightDelimFrom(pos - 1) == 2) {
            pos--;
            if (pos == start) {
                return lexInsideAction();
            }
        }
        return new Token(Kind.SPACE, input.substring(start, pos), start);
    }

    private Token lexIdentifier() throws TemplateSyntaxException {
        int start = pos;
        scanAlphaNumeric();
        checkTerminator();
        String word = input.substring(start, pos);
        Kind kind = KEYWORDS.getOrDefault(word, Kind.IDENTIFIER);
        return new Token(kind, word, start);
    }

    /** After {@code .} or {@code $}: the name, or the bare dot/dollar. */
    private Token lexFieldOrVariable(Kind kind, int start) throws TemplateSyntaxException {
        if (atTerminator()) {
            return new Token(
                    kind == Kind.FIELD ? Kind.DOT : Kind.VARIABLE,
                    input.substring(start, pos),
                    start);
        }
        scanAlphaNumeric();
        checkTerminator();
        return new Token(kind, input.substring(start, pos), start);
    }

    private void scanAlphaNumeric() {
        while (pos < input.length()) {
            int cp = input.codePointAt(pos);
            if (!isAlphaNumeric(cp)) {
                break;
            }
            pos += Character.charCount(cp);
        }
    }

    private void checkTerminator() throws TemplateSyntaxException {
        if (!atTerminator()) {
            throw error(pos, "bad character " + describeChar(input.codePointAt(pos)));
        }
    }

    /** Whether the next char may end a word: space, punctuation that separates, or "}}". */
    private boolean atTerminator() {
        if (pos >= input.length()) {
            return true;
        }
        char c = input.charAt(pos);
        if (isSpace(c)) {
            return true;
        }
        return switch (c) {
            case '.', ',', '|', ':', ')', '(' -> true;
            default -> input.startsWith(RIGHT, pos);
        };
    }

    private Token lexQuote() throws TemplateSyntaxException {
        return lexQuoted('"', Kind.STRING, "unterminated quoted string");
    }

    private Token lexChar() throws TemplateSyntaxException {
        return lexQuoted('\'', Kind.CHAR_CONSTANT, "unterminated character constant");
    }

    /** A string or character constant closed by {@code close} on the same line; escapes skip. */
    private Token lexQuoted(char close, Kind kind, String unterminated)
            throws TemplateSyntaxException {
        int start = pos++;
        while (true) {
            char c = pos < input.length() ? input.charAt(pos) : '\n';
            pos++;
            if (c == '\\') {
                if (pos < input.length() && input.charAt(pos) != '\n') {
                    pos++;
                    continue;
                }
                throw error(start, unterminated);
            }
            if (c == '\n') {
                throw error(start, unterminated);
            }
            if (c == close) {
                return new Token(kind, input.substring(start, pos), start);
            }
        }
    }

    private Token lexRawQuote() throws TemplateSyntaxException {
        int start = pos;
        int end = input.indexOf('`', pos + 1);
        if (end < 0) {
            throw error(start, "unterminated raw quoted string");
        }
        pos = end + 1;
        return new Token(Kind.RAW_STRING, input.substring(start, pos), start);
    }

    /**
     * Scans a number as Go does: the lexer only finds its extent; the parser decides its value. A
     * following {@code +}/{@code -} and number makes a complex constant (rejected later).
     */
    private Token lexNumber() throws TemplateSyntaxException {
        int start = pos;
        scanNumber(start);
        Kind kind = Kind.NUMBER;
        if (pos < input.length() && (input.charAt(pos) == '+' || input.charAt(pos) == '-')) {
            // Complex: 1+2i.
            scanNumber(start);
            kind = Kind.COMPLEX;
        }
        return new Token(kind, input.substring(start, pos), start);
    }

    private void scanNumber(int start) throws TemplateSyntaxException {
        accept("+-");
        String digits = "0123456789_";
        if (accept("0")) {
            if (accept("xX")) {
                digits = "0123456789abcdefABCDEF_";
            } else if (accept("oO")) {
                digits = "01234567_";
            } else if (accept("bB")) {
                digits = "01_";
            }
        }
        acceptRun(digits);
        if (accept(".")) {
            acceptRun(digits);
        }
        if (digits.length() == 11 && accept("eE")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        if (digits.length() == 23 && accept("pP")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        accept("i");
        if (pos < input.length() && isAlphaNumeric(input.codePointAt(pos))) {
            pos += Character.charCount(input.codePointAt(pos));
            throw error(start, "bad number syntax: " + quote(input.substring(start, pos)));
        }
    }

    private boolean accept(String valid) {
        if (pos < input.length() && valid.indexOf(input.charAt(pos)) >= 0) {
            pos++;
            return true;
        }
        return false;
    }

    private void acceptRun(String valid) {
        while (accept(valid)) {
            // keep going
        }
    }

    // ---------------------------------------------------------------- delimiters

    /** 0: not at a right delimiter; 1: at "}}"; 2: at " -}}" (trim). */
    private int atRightDelim() {
        return atRightDelimFrom(pos);
    }

    private int atRightDelimFrom(int at) {
        if (at + 1 < input.length()
                && isSpace(input.charAt(at))
                && input.charAt(at + 1) == '-'
                && input.startsWith(RIGHT, at + TRIM_MARKER_LEN)) {
            return 2;
        }
        return input.startsWith(RIGHT, at) ? 1 : 0;
    }

    /** Consumes the right delimiter found by {@link #atRightDelim} and applies its trim marker. */
    private void skipRightDelim(int delim) {
        pos += (delim == 2 ? TRIM_MARKER_LEN : 0) + RIGHT.length();
        if (delim == 2) {
            while (pos < input.length() && isSpace(input.charAt(pos))) {
                pos++;
            }
        }
    }

    private boolean hasLeftTrimMarker(int at) {
        return at + 1 < input.length() && input.charAt(at) == '-' && isSpace(input.charAt(at + 1));
    }

    // ---------------------------------------------------------------- helpers

    private TemplateSyntaxException error(int offset, String message) {
        Pos where = pos(offset);
        if (insideAction) {
            Pos started = pos(actionStart);
            if (started.line() != where.line()) {
                // Go's wording: "unclosed action started at …", otherwise "… in action started at
                // …".
                message +=
                        (message.endsWith(" action") ? "" : " in action")
                                + " started at "
                                + started;
            }
        }
        return new TemplateSyntaxException(where, message);
    }

    /** Go's white space inside templates: only these four ASCII characters. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlphaNumeric(int cp) {
        return cp == '_' || Character.isLetter(cp) || Character.isDigit(cp);
    }

    /** Go's {@code %#U}: {@code U+0023 '#'}. */
    private static String describeChar(int cp) {
        String hex = String.format("U+%04X", cp);
        return Character.isISOControl(cp)
                ? hex
                : hex + " '" + new String(Character.toChars(cp)) + "'";
    }

    /** Go's {@code %q} for the strings that appear in messages. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
