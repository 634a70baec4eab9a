package io.github.livetemplate.processor.check;

import io.github.livetemplate.processor.check.HtmlContext.AttrKind;
import io.github.livetemplate.processor.check.HtmlContext.CssState;
import io.github.livetemplate.processor.check.HtmlContext.Delim;
import io.github.livetemplate.processor.check.HtmlContext.JsState;
import io.github.livetemplate.processor.check.HtmlContext.State;
import io.github.livetemplate.processor.check.HtmlContext.UrlPart;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Compile-time HTML context tracking, modelled on Go's html/template escaper.
 *
 * <p>The template's static text is scanned piece by piece with {@link #scan}, carrying an
 * {@link HtmlContext} from one piece to the next. At each dynamic value, {@link #escapingFor}
 * says how the value must be escaped and {@link #afterDynamic} gives the context after it;
 * {@link #join} merges the contexts at the end of {@code {{if}}}/{@code {{else}}} branches.
 *
 * <p>Like Go, the scanner does not decode entities and does not detect JavaScript regular
 * expression literals; it only needs to be right for well-formed templates and to never
 * under-escape.
 */
public final class HtmlScanner {

  private HtmlScanner() {}

  /** A tag boundary found in a piece; offsets index the piece's output text. */
  public record TagEvent(Kind kind, String name, int offset) {
    public enum Kind {
      /**
       * A start tag's closing {@code >} (or {@code />}) was consumed; offset is just after it.
       */
      START_TAG_END,
      /**
       * An end tag {@code </name} began; offset is that of its {@code <}, or -1 when the
       * {@code <} was at the very end of an earlier piece.
       */
      END_TAG_START
    }
  }

  /** The result of scanning one static piece. */
  public record ScanResult(HtmlContext end, String output, List<TagEvent> events) {}

  /** How a dynamic value must be escaped; {@code error} is non-null only for {@code ERROR}. */
  public record Escaping(Kind kind, Delim delim, String error) {
    public enum Kind {
      HTML, HTML_UNQUOTED, URL_START, URL_PATH, URL_QUERY, JS_VALUE, JS_STRING,
      CSS_VALUE, CSS_STRING, DROP, ERROR
    }

    public boolean isError() {
      return kind == Kind.ERROR;
    }
  }

  // ---------------------------------------------------------------------------------------
  // Public API

  /** Scans static text starting in {@code start}. */
  public static ScanResult scan(HtmlContext start, String text) {
    return new Scan(start, text).run();
  }

  /** The escaping a dynamic value needs in {@code ctx}. */
  public static Escaping escapingFor(HtmlContext ctx) {
    return switch (ctx.state()) {
      case TEXT, RCDATA -> new Escaping(Escaping.Kind.HTML, Delim.NONE, null);
      case COMMENT -> new Escaping(Escaping.Kind.DROP, Delim.NONE, null);
      case SCRIPT -> jsEscaping(ctx.js(), Delim.NONE);
      case STYLE -> cssEscaping(ctx.css(), Delim.NONE);
      case TAG_NAME, END_TAG -> error("a dynamic value cannot form a tag name; write the tag name "
          + "in the template and use {{if}} to choose between tags");
      case TAG, ATTR_NAME, AFTER_ATTR_NAME -> error("a dynamic value cannot form an attribute "
          + "name; put {{if}} around a static attribute instead (in <" + ctx.element() + ">)");
      // Like Go: a value right after '=' starts an unquoted attribute value.
      case BEFORE_VALUE, ATTR_VALUE -> valueEscaping(afterEquals(ctx));
    };
  }

  /** The context after a dynamic value printed in {@code ctx} (assumes it was not an error). */
  public static HtmlContext afterDynamic(HtmlContext ctx) {
    // Only BEFORE_VALUE moves: the value starts an unquoted attribute value. A URL value
    // stays at START, as in Go: the printed value may have been empty, so a following value
    // must still be checked for a dangerous scheme.
    return afterEquals(ctx);
  }

  /**
   * The context after an {@code {{if}}} whose branches end in {@code a} and {@code b}, or
   * null when the branches end in incompatible places.
   */
  public static HtmlContext join(HtmlContext a, HtmlContext b) {
    if (a == null || b == null) {
      return null;
    }
    if (a.equals(b)) {
      return a;
    }
    // <input {{if .C}}checked{{end}}>: one branch is after an attribute name, the other
    // between attributes. Whatever comes next starts a new attribute or ends the tag.
    if (isInsideTag(a) && isInsideTag(b) && a.element().equals(b.element())
        && !a.element().isEmpty()) {
      return HtmlContext.of(State.TAG, a.element());
    }
    // <a title={{if .T}}x{{end}}>: an empty unquoted value is still an unquoted value.
    if (a.state() == State.ATTR_VALUE || b.state() == State.ATTR_VALUE) {
      a = afterEquals(a);
      b = afterEquals(b);
    }
    if (a.equals(b)) {
      return a;
    }
    // Contexts that differ only in how much of a URL was written: keep the stricter one.
    if (a.state() == State.ATTR_VALUE
        && a.equals(withUrlPart(b, a.urlPart()))) {
      UrlPart joined = joinUrlParts(a.urlPart(), b.urlPart());
      return joined == null ? null : withUrlPart(a, joined);
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------
  // Escaping helpers

  private static Escaping error(String message) {
    return new Escaping(Escaping.Kind.ERROR, Delim.NONE, message);
  }

  private static Escaping valueEscaping(HtmlContext ctx) {
    Delim delim = ctx.delim();
    return switch (ctx.attrKind()) {
      case NORMAL -> new Escaping(
          delim == Delim.UNQUOTED ? Escaping.Kind.HTML_UNQUOTED : Escaping.Kind.HTML, delim, null);
      case URL -> new Escaping(switch (ctx.urlPart()) {
        case START -> Escaping.Kind.URL_START;
        case PATH -> Escaping.Kind.URL_PATH;
        case QUERY -> Escaping.Kind.URL_QUERY;
      }, delim, null);
      case JS -> jsEscaping(ctx.js(), delim);
      case CSS -> cssEscaping(ctx.css(), delim);
    };
  }

  private static Escaping jsEscaping(JsState js, Delim delim) {
    return switch (js) {
      case EXPR -> new Escaping(Escaping.Kind.JS_VALUE, delim, null);
      case DQ_STRING, SQ_STRING -> new Escaping(Escaping.Kind.JS_STRING, delim, null);
      case TEMPLATE_LITERAL -> error("a dynamic value inside a JavaScript template literal "
          + "(`...`) is not supported; use a quoted string or concatenation instead");
      case LINE_COMMENT, BLOCK_COMMENT -> error("a dynamic value cannot be placed inside a "
          + "JavaScript comment; move it out of the comment");
    };
  }

  private static Escaping cssEscaping(CssState css, Delim delim) {
    return switch (css) {
      case EXPR -> new Escaping(Escaping.Kind.CSS_VALUE, delim, null);
      case DQ_STRING, SQ_STRING -> new Escaping(Escaping.Kind.CSS_STRING, delim, null);
      case COMMENT -> error("a dynamic value cannot be placed inside a CSS comment; "
          + "move it out of the comment");
    };
  }

  /** BEFORE_VALUE becomes the start of an unquoted value; other contexts are unchanged. */
  private static HtmlContext afterEquals(HtmlContext ctx) {
    if (ctx.state() != State.BEFORE_VALUE) {
      return ctx;
    }
    return new HtmlContext(State.ATTR_VALUE, ctx.element(), ctx.attr(), Delim.UNQUOTED,
        ctx.attrKind(), UrlPart.START, JsState.EXPR, CssState.EXPR);
  }

  private static boolean isInsideTag(HtmlContext ctx) {
    return switch (ctx.state()) {
      case TAG_NAME, TAG, ATTR_NAME, AFTER_ATTR_NAME -> true;
      default -> false;
    };
  }

  private static HtmlContext withUrlPart(HtmlContext ctx, UrlPart part) {
    return new HtmlContext(ctx.state(), ctx.element(), ctx.attr(), ctx.delim(), ctx.attrKind(),
        part, ctx.js(), ctx.css());
  }

  /**
   * START+PATH gives START (a value there must still be checked for a scheme, since one
   * branch wrote nothing); PATH+QUERY gives QUERY (query escaping encodes everything a path
   * needs and more). START+QUERY has no safe answer.
   */
  private static UrlPart joinUrlParts(UrlPart a, UrlPart b) {
    if (a == b) {
      return a;
    }
    if (a == UrlPart.START && b == UrlPart.PATH || a == UrlPart.PATH && b == UrlPart.START) {
      return UrlPart.START;
    }
    if (a == UrlPart.PATH && b == UrlPart.QUERY || a == UrlPart.QUERY && b == UrlPart.PATH) {
      return UrlPart.QUERY;
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------
  // Attribute classification

  private static final Set<String> URL_ATTRS = Set.of(
      "href", "src", "action", "formaction", "cite", "poster", "background", "data", "codebase",
      "longdesc", "usemap", "icon", "manifest", "profile", "classid", "archive", "xmlns");

  private static final Set<String> LVT_JS_ATTRS = Set.of(
      "lvt-mounted", "lvt-updated", "lvt-destroyed");

  static AttrKind attrKind(String name) {
    if (name.startsWith("xmlns:")) {
      return AttrKind.URL; // namespace declarations are URLs
    }
    int colon = name.indexOf(':');
    String local = colon >= 0 ? name.substring(colon + 1) : name; // xlink:href is an href
    if (URL_ATTRS.contains(local)) {
      return AttrKind.URL;
    }
    if (name.startsWith("on") || LVT_JS_ATTRS.contains(name)) {
      return AttrKind.JS;
    }
    if (local.equals("style")) {
      return AttrKind.CSS;
    }
    return AttrKind.NORMAL;
  }

  private static State contentState(String element) {
    return switch (element) {
      case "script" -> State.SCRIPT;
      case "style" -> State.STYLE;
      case "title", "textarea" -> State.RCDATA;
      default -> State.TEXT;
    };
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** Tag and attribute names run until whitespace, '/', '>' (and '=' for attributes). */
  private static boolean isTagNameChar(char c) {
    return !isSpace(c) && c != '/' && c != '>';
  }

  // ---------------------------------------------------------------------------------------
  // The scanner: a mutable copy of the context, advanced over the text.

  private static final class Scan {
    private final String s;
    private final StringBuilder out = new StringBuilder();
    private final List<TagEvent> events = new ArrayList<>();
    private int i;

    private State state;
    private String element;
    private String attr;
    private Delim delim;
    private AttrKind kind;
    private UrlPart url;
    private JsState js;
    private CssState css;

    Scan(HtmlContext start, String text) {
      this.s = Objects.requireNonNull(text, "text");
      state = start.state();
      element = start.element();
      attr = start.attr();
      delim = start.delim();
      kind = start.attrKind();
      url = start.urlPart();
      js = start.js();
      css = start.css();
    }

    ScanResult run() {
      while (i < s.length()) {
        switch (state) {
          case TEXT -> text();
          case COMMENT -> comment();
          case RCDATA, SCRIPT, STYLE -> rawContent();
          case TAG_NAME -> tagName();
          case TAG -> tag();
          case ATTR_NAME -> attrName();
          case AFTER_ATTR_NAME -> afterAttrName();
          case BEFORE_VALUE -> beforeValue();
          case ATTR_VALUE -> attrValue();
          case END_TAG -> endTag();
        }
      }
      HtmlContext end = new HtmlContext(state, element, attr, delim, kind, url, js, css);
      return new ScanResult(end, out.toString(), List.copyOf(events));
    }

    private char at(int k) {
      return k < s.length() ? s.charAt(k) : '\0';
    }

    /** Copies s[i, to) to the output. */
    private void emitTo(int to) {
      out.append(s, i, to);
      i = to;
    }

    private void enter(State newState, String newElement) {
      state = newState;
      element = newElement;
      attr = "";
      delim = Delim.NONE;
      kind = AttrKind.NORMAL;
      url = UrlPart.START;
      js = JsState.EXPR;
      css = CssState.EXPR;
    }

    private void text() {
      int lt = s.indexOf('<', i);
      if (lt < 0) {
        emitTo(s.length());
        return;
      }
      emitTo(lt);
      if (s.startsWith("<!--", i)) {
        i += 4; // comments are stripped from the output, like Go does
        enter(State.COMMENT, "");
      } else if (isAsciiLetter(at(i + 1)) || i + 1 == s.length()) {
        // A '<' at the very end may start a tag in the next piece ("<{{.Tag}}" is an error).
        emitTo(i + 1);
        enter(State.TAG_NAME, "");
      } else if (at(i + 1) == '/' && (isAsciiLetter(at(i + 2)) || i + 2 == s.length())) {
        startEndTag();
      } else {
        emitTo(i + 1); // "a < b", "<!DOCTYPE ...>": plain text
      }
    }

    private void comment() {
      int end = s.indexOf("-->", i);
      if (end < 0) {
        i = s.length(); // the comment goes on in the next piece; drop it all
      } else {
        i = end + 3;
        enter(State.TEXT, "");
      }
    }

    private void tagName() {
      if (element.isEmpty() && !isAsciiLetter(s.charAt(i))) {
        enter(State.TEXT, ""); // the '<' ending the previous piece was just text
        return;
      }
      int j = i;
      while (j < s.length() && isTagNameChar(s.charAt(j))) {
        j++;
      }
      element += s.substring(i, j).toLowerCase(Locale.ROOT);
      emitTo(j);
      if (j < s.length()) {
        state = State.TAG;
      }
    }

    private void tag() {
      char c = s.charAt(i);
      if (isSpace(c) || c == '/') {
        // "/>" needs no special case: browsers ignore the slash, and so do we (<script/> still
        // opens a script).
        emitTo(i + 1);
      } else if (c == '>') {
        emitTo(i + 1);
        events.add(new TagEvent(TagEvent.Kind.START_TAG_END, element, out.length()));
        enter(contentState(element), contentState(element) == State.TEXT ? "" : element);
      } else {
        state = State.ATTR_NAME;
        attr = "";
      }
    }

    private void attrName() {
      int j = i;
      // An '=' opening a name is part of it (HTML parses "<a =x>" that way).
      while (j < s.length() && isTagNameChar(s.charAt(j))
          && !(s.charAt(j) == '=' && (j > i || !attr.isEmpty()))) {
        j++;
      }
      attr += s.substring(i, j).toLowerCase(Locale.ROOT);
      kind = attrKind(attr);
      emitTo(j);
      if (j == s.length()) {
        return;
      }
      char c = s.charAt(j);
      if (c == '=') {
        emitTo(j + 1);
        state = State.BEFORE_VALUE;
      } else if (isSpace(c)) {
        state = State.AFTER_ATTR_NAME;
      } else {
        leaveAttr(); // '/' or '>'
      }
    }

    private void afterAttrName() {
      char c = s.charAt(i);
      if (isSpace(c)) {
        emitTo(i + 1);
      } else if (c == '=') {
        emitTo(i + 1);
        state = State.BEFORE_VALUE;
      } else {
        leaveAttr(); // a new attribute, '/' or '>'
      }
    }

    private void beforeValue() {
      char c = s.charAt(i);
      if (isSpace(c)) {
        emitTo(i + 1);
      } else if (c == '"' || c == '\'') {
        emitTo(i + 1);
        state = State.ATTR_VALUE;
        delim = c == '"' ? Delim.DOUBLE_QUOTE : Delim.SINGLE_QUOTE;
      } else if (c == '>') {
        leaveAttr(); // "<a href=>": empty value
      } else {
        state = State.ATTR_VALUE;
        delim = Delim.UNQUOTED;
      }
    }

    private void attrValue() {
      // Find where the value ends in this piece; the HTML delimiter wins over any JS or CSS
      // string, since the browser splits attributes before running their content.
      int end = i;
      switch (delim) {
        case DOUBLE_QUOTE, SINGLE_QUOTE -> {
          end = s.indexOf(delim == Delim.DOUBLE_QUOTE ? '"' : '\'', i);
          if (end < 0) {
            end = s.length();
          }
        }
        default -> {
          while (end < s.length() && !isSpace(s.charAt(end)) && s.charAt(end) != '>') {
            end++;
          }
        }
      }
      switch (kind) {
        case URL -> url = advanceUrl(url, s, i, end);
        case JS -> js = Js.run(js, s, i, end);
        case CSS -> css = Css.run(css, s, i, end);
        case NORMAL -> { }
      }
      emitTo(end);
      if (end < s.length()) {
        if (delim != Delim.UNQUOTED) {
          emitTo(end + 1); // the closing quote
        }
        leaveAttr(); // for unquoted values, TAG handles the space or '>'
      }
    }

    private void leaveAttr() {
      enter(State.TAG, element);
    }

    private void rawContent() {
      // The content ends at "</element" whatever the JS or CSS state: HTML decides first.
      int end = i;
      while (end < s.length() && !isEndTagOf(end)) {
        end++;
      }
      switch (state) {
        case SCRIPT -> js = Js.run(js, s, i, end);
        case STYLE -> css = Css.run(css, s, i, end);
        default -> { }
      }
      emitTo(end);
      if (end < s.length()) {
        startEndTag();
      }
    }

    /** True if "</" + element starts at k, followed by a character that ends a tag name. */
    private boolean isEndTagOf(int k) {
      if (!s.startsWith("</", k) || !s.regionMatches(true, k + 2, element, 0, element.length())) {
        return false;
      }
      int after = k + 2 + element.length();
      return after == s.length() || !isTagNameChar(s.charAt(after));
    }

    /** At "</": emits it and reads the name in END_TAG. */
    private void startEndTag() {
      enter(State.END_TAG, "");
      emitTo(i + 2);
      if (i < s.length()) {
        readEndTagName(out.length() - 2);
      }
    }

    private void endTag() {
      if (element.isEmpty()) {
        // "</" ended the previous piece.
        if (isAsciiLetter(s.charAt(i))) {
          readEndTagName(-1);
        } else {
          enter(State.TEXT, "");
        }
        return;
      }
      int gt = s.indexOf('>', i);
      if (gt < 0) {
        emitTo(s.length());
      } else {
        emitTo(gt + 1);
        enter(State.TEXT, "");
      }
    }

    private void readEndTagName(int ltOffset) {
      int j = i;
      while (j < s.length() && isTagNameChar(s.charAt(j))) {
        j++;
      }
      element = s.substring(i, j).toLowerCase(Locale.ROOT);
      emitTo(j);
      events.add(new TagEvent(TagEvent.Kind.END_TAG_START, element, ltOffset));
    }
  }

  /** URL progress over s[from, to): '?' or '#' starts the query; leading spaces change nothing. */
  private static UrlPart advanceUrl(UrlPart part, String s, int from, int to) {
    for (int k = from; k < to && part != UrlPart.QUERY; k++) {
      char c = s.charAt(k);
      if (c == '?' || c == '#') {
        part = UrlPart.QUERY;
      } else if (!isSpace(c)) {
        part = UrlPart.PATH; // browsers strip leading spaces, so they don't start a URL
      }
    }
    return part;
  }

  /** The JavaScript sub-machine: strings, template literals and comments. */
  private static final class Js {
    static JsState run(JsState st, String s, int from, int to) {
      int k = from;
      while (k < to) {
        char c = s.charAt(k);
        char next = k + 1 < to ? s.charAt(k + 1) : '\0';
        switch (st) {
          case EXPR -> {
            if (c == '"') {
              st = JsState.DQ_STRING;
            } else if (c == '\'') {
              st = JsState.SQ_STRING;
            } else if (c == '`') {
              st = JsState.TEMPLATE_LITERAL;
            } else if (c == '/' && next == '/') {
              st = JsState.LINE_COMMENT;
              k++;
            } else if (c == '/' && next == '*') {
              st = JsState.BLOCK_COMMENT;
              k++;
            }
          }
          case DQ_STRING, SQ_STRING, TEMPLATE_LITERAL -> {
            char close = st == JsState.DQ_STRING ? '"' : st == JsState.SQ_STRING ? '\'' : '`';
            if (c == '\\') {
              k++; // skip the escaped character
            } else if (c == close) {
              st = JsState.EXPR;
            }
          }
          case LINE_COMMENT -> {
            if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
              st = JsState.EXPR;
            }
          }
          case BLOCK_COMMENT -> {
            if (c == '*' && next == '/') {
              st = JsState.EXPR;
              k++;
            }
          }
        }
        k++;
      }
      return st;
    }
  }

  /** The CSS sub-machine: strings and comments. */
  private static final class Css {
    static CssState run(CssState st, String s, int from, int to) {
      int k = from;
      while (k < to) {
        char c = s.charAt(k);
        char next = k + 1 < to ? s.charAt(k + 1) : '\0';
        switch (st) {
          case EXPR -> {
            if (c == '"') {
              st = CssState.DQ_STRING;
            } else if (c == '\'') {
              st = CssState.SQ_STRING;
            } else if (c == '/' && next == '*') {
              st = CssState.COMMENT;
              k++;
            }
          }
          case DQ_STRING, SQ_STRING -> {
            char close = st == CssState.DQ_STRING ? '"' : '\'';
            if (c == '\\') {
              k++;
            } else if (c == close || c == '\n' || c == '\r' || c == '\f') {
              st = CssState.EXPR; // a raw newline ends a CSS string too
            }
          }
          case COMMENT -> {
            if (c == '*' && next == '/') {
              st = CssState.EXPR;
              k++;
            }
          }
        }
        k++;
      }
      return st;
    }
  }
}
