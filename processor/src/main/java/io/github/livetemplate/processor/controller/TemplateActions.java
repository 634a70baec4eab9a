package io.github.livetemplate.processor.controller;

import io.github.livetemplate.processor.parse.Ast;
import io.github.livetemplate.processor.parse.Pos;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The action names a template's static HTML makes the {@code @livetemplate/client} send
 * (docs/protocol.md: events, forms and actions), with where each is written.
 *
 * <p>The static text of the main body, of every {@code {{define}}}d template and of every
 * {@code if}/{@code with}/{@code range} branch is scanned in document order (branches one after
 * the other, {@code {{template}}} calls inlined), so forms see the buttons inside them. Sources:
 *
 * <ul>
 *   <li>{@code lvt-on:{event}="x"} and {@code lvt-on:window:{event}="x"} on any element
 *       (an empty value sends nothing);
 *   <li>an intercepted {@code <form>}: {@code lvt-on:submit}, else {@code lvt-persist} (gives
 *       {@code persist:…}, not checked), else {@code lvt-form:action}, else the names of its
 *       submit buttons ({@code <button name>} of type submit or none, {@code <input
 *       type="submit" name>}) and its own {@code name}; with none of these it sends
 *       {@code submit};
 *   <li>a named {@code <button>} outside any form (not {@code type="reset"}, no
 *       {@code commandfor}) sends its name on click;
 *   <li>{@code lvt-scroll-sentinel} sends {@code load_more}.
 * </ul>
 *
 * <p>Forms with {@code lvt-form:no-intercept} submit natively and are skipped. An attribute
 * value with a dynamic part ({@code name="{{.Action}}"}) is skipped; a button with a dynamic name
 * still counts as a named submit button. Positions point at the value (the action name), at the
 * {@code lvt-scroll-sentinel} attribute, or at the {@code <form} that sends {@code submit}.
 */
public final class TemplateActions {

  /** What makes the client send an action. */
  public enum Kind {
    EVENT, FORM_ACTION, FORM_NAME, SUBMIT_BUTTON, ORPHAN_BUTTON, DEFAULT_SUBMIT, SCROLL_SENTINEL
  }

  /**
   * One action name the template can send.
   *
   * @param origin the HTML that sends it, for messages ({@code <button name="delete">})
   */
  public record Ref(String name, Pos pos, Kind kind, String origin) {}

  private static final Set<String> RAW_TEXT = Set.of("script", "style", "textarea", "title",
      "xmp", "iframe", "noembed", "noframes");

  private final String source;
  private final int[] lineStarts;
  private final Map<String, Ast.Definition> definitions;
  private final Set<String> called = new HashSet<>();
  private final Map<String, Ref> refs = new LinkedHashMap<>();

  private TemplateActions(String source, Ast.TemplateFile file) {
    this.source = source;
    this.definitions = file.definitions();
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < source.length(); i++) {
      if (source.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The action names {@code file} (parsed from {@code source}) can send, in file order. */
  public static List<Ref> collect(String source, Ast.TemplateFile file) {
    TemplateActions t = new TemplateActions(source, file);
    t.document(file.main());
    for (Ast.Definition d : file.definitions().values()) {
      if (!t.called.contains(d.name())) {
        t.called.add(d.name());
        t.document(d.body());
      }
    }
    List<Ref> out = new ArrayList<>(t.refs.values());
    out.sort(Comparator.comparingInt((Ref r) -> r.pos().offset()).thenComparing(Ref::name));
    return out;
  }

  /** The position of a char offset of the template file. */
  Pos pos(int offset) {
    int lo = 0;
    int hi = lineStarts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (lineStarts[mid] <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return new Pos(offset, lo + 1, offset - lineStarts[lo] + 1);
  }

  // ------------------------------------------------------------------ flattening

  /** Scans one template body as a document of its own. */
  private void document(Ast.ListNode body) {
    Html html = new Html();
    walk(body, html, new ArrayDeque<>());
    html.dynamic();
    route(html.tags);
  }

  private void walk(Ast.ListNode list, Html html, Deque<String> calls) {
    if (list == null) {
      return;
    }
    for (Ast.Node n : list.nodes()) {
      if (n instanceof Ast.Text t) {
        html.chunk(t.pos().offset(), t.text());
      } else if (n instanceof Ast.Comment) {
        continue;
      } else if (n instanceof Ast.If c) {
        branches(html, calls, c.then(), c.otherwise());
      } else if (n instanceof Ast.With c) {
        branches(html, calls, c.then(), c.otherwise());
      } else if (n instanceof Ast.Range c) {
        branches(html, calls, c.body(), c.otherwise());
      } else if (n instanceof Ast.TemplateCall c) {
        html.dynamic();
        Ast.Definition d = definitions.get(c.name());
        if (d != null && !calls.contains(c.name())) {
          called.add(c.name());
          calls.push(c.name());
          walk(d.body(), html, calls);
          calls.pop();
        }
        html.dynamic();
      } else {
        html.dynamic(); // {{.X}}, {{$x := …}}, {{break}}, {{continue}}
      }
    }
  }

  private void branches(Html html, Deque<String> calls, Ast.ListNode a, Ast.ListNode b) {
    html.dynamic();
    walk(a, html, calls);
    html.dynamic();
    walk(b, html, calls);
    html.dynamic();
  }

  // ------------------------------------------------------------------ HTML tokens

  /** An attribute; {@code value} is null for a bare attribute. */
  private record Attr(String name, int nameOffset, String value, int valueOffset,
      boolean dynamic) {
    boolean isStatic() {
      return value != null && !dynamic;
    }

    /** A static non-empty value. */
    boolean hasText() {
      return isStatic() && !value.isEmpty();
    }
  }

  /** A start tag ({@code end} false) or an end tag. */
  private record Tag(String name, int offset, boolean end, List<Attr> attrs) {
    Attr first(String attr) {
      for (Attr a : attrs) {
        if (a.name().equals(attr)) {
          return a;
        }
      }
      return null;
    }

    List<Attr> all(String attr) {
      return attrs.stream().filter(a -> a.name().equals(attr)).toList();
    }

    boolean has(String attr) {
      return first(attr) != null;
    }

    /** An attribute whose client-side value is non-empty or unknown (dynamic). */
    boolean hasRouting(String attr) {
      for (Attr a : all(attr)) {
        if (a.dynamic() || a.hasText()) {
          return true;
        }
      }
      return false;
    }

    /** The lower-cased static type, "" when absent, null when dynamic. */
    String type() {
      Attr a = first("type");
      if (a == null) {
        return "";
      }
      return a.isStatic() ? a.value().trim().toLowerCase(Locale.ROOT) : null;
    }
  }

  private enum State {
    DATA, TAG_NAME, IN_TAG, ATTR_NAME, AFTER_ATTR_NAME, BEFORE_VALUE, VALUE, COMMENT, BOGUS, RAW
  }

  /**
   * A small HTML tokenizer over the static pieces, carrying its state across them. At a
   * dynamic part an attribute value being read becomes dynamic, and so does a name.
   */
  private static final class Html {
    final List<Tag> tags = new ArrayList<>();
    private State state = State.DATA;
    private String rawElement = "";
    // the tag being read
    private final StringBuilder tagName = new StringBuilder();
    private int tagOffset;
    private boolean endTag;
    private boolean tagDynamic;
    private List<Attr> attrs = new ArrayList<>();
    // the attribute being read
    private final StringBuilder attrName = new StringBuilder();
    private int attrOffset;
    private boolean attrNameDynamic;
    private StringBuilder value;
    private int valueOffset;
    private boolean valueDynamic;
    private char quote;

    void dynamic() {
      switch (state) {
        case VALUE -> valueDynamic = true;
        case BEFORE_VALUE -> {
          value = new StringBuilder();
          valueDynamic = true;
          quote = 0;
          state = State.VALUE;
        }
        case ATTR_NAME -> attrNameDynamic = true;
        case TAG_NAME -> tagDynamic = true;
        default -> { }
      }
    }

    void chunk(int base, String s) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        int at = base + i;
        switch (state) {
          case DATA -> {
            if (c != '<') {
              break;
            }
            if (s.startsWith("<!--", i)) {
              state = State.COMMENT;
              i += 3;
            } else if (s.startsWith("<!", i) || s.startsWith("<?", i)) {
              state = State.BOGUS;
            } else if (i + 2 < s.length() && s.charAt(i + 1) == '/'
                && isLetter(s.charAt(i + 2))) {
              startTag(at, true);
              i++;
            } else if (i + 1 < s.length() && isLetter(s.charAt(i + 1))) {
              startTag(at, false);
            }
          }
          case COMMENT -> {
            if (s.startsWith("-->", i)) {
              state = State.DATA;
              i += 2;
            }
          }
          case BOGUS -> {
            if (c == '>') {
              state = State.DATA;
            }
          }
          case RAW -> {
            int after = i + 2 + rawElement.length();
            if (c == '<' && s.startsWith("</", i)
                && s.regionMatches(true, i + 2, rawElement, 0, rawElement.length())
                && (after >= s.length() || !isNameChar(s.charAt(after)))) {
              state = State.DATA;
              i--; // read the end tag in DATA
            }
          }
          case TAG_NAME -> {
            if (isSpace(c) || c == '/') {
              state = State.IN_TAG;
            } else if (c == '>') {
              endOfTag();
            } else {
              tagName.append(Character.toLowerCase(c));
            }
          }
          case IN_TAG -> {
            if (c == '>') {
              endOfTag();
            } else if (!isSpace(c) && c != '/') {
              startAttr(at, c);
            }
          }
          case ATTR_NAME -> {
            if (isSpace(c)) {
              state = State.AFTER_ATTR_NAME;
            } else if (c == '=') {
              state = State.BEFORE_VALUE;
            } else if (c == '>') {
              endAttr();
              endOfTag();
            } else if (c == '/') {
              endAttr();
              state = State.IN_TAG;
            } else {
              attrName.append(Character.toLowerCase(c));
            }
          }
          case AFTER_ATTR_NAME -> {
            if (c == '=') {
              state = State.BEFORE_VALUE;
            } else if (c == '>') {
              endAttr();
              endOfTag();
            } else if (c == '/') {
              endAttr();
              state = State.IN_TAG;
            } else if (!isSpace(c)) {
              endAttr();
              startAttr(at, c);
            }
          }
          case BEFORE_VALUE -> {
            if (isSpace(c)) {
              break;
            }
            value = new StringBuilder();
            valueDynamic = false;
            if (c == '"' || c == '\'') {
              quote = c;
              valueOffset = at + 1;
              state = State.VALUE;
            } else if (c == '>') {
              valueOffset = at;
              endAttr();
              endOfTag();
            } else {
              quote = 0;
              valueOffset = at;
              value.append(c);
              state = State.VALUE;
            }
          }
          case VALUE -> {
            if (quote != 0 ? c == quote : isSpace(c)) {
              endAttr();
              state = State.IN_TAG;
            } else if (quote == 0 && c == '>') {
              endAttr();
              endOfTag();
            } else {
              if (value.isEmpty() && !valueDynamic) {
                valueOffset = at;
              }
              value.append(c);
            }
          }
        }
      }
    }

    private void startTag(int at, boolean end) {
      state = State.TAG_NAME;
      tagName.setLength(0);
      tagOffset = at;
      endTag = end;
      tagDynamic = false;
      attrs = new ArrayList<>();
    }

    private void startAttr(int at, char first) {
      attrName.setLength(0);
      attrName.append(Character.toLowerCase(first));
      attrOffset = at;
      attrNameDynamic = false;
      value = null;
      valueDynamic = false;
      state = State.ATTR_NAME;
    }

    private void endAttr() {
      if (!attrNameDynamic) {
        attrs.add(new Attr(attrName.toString(), attrOffset, value == null ? null
            : value.toString(), valueOffset, valueDynamic));
      }
      value = null;
    }

    private void endOfTag() {
      String name = tagName.toString();
      state = State.DATA;
      if (tagDynamic || name.isEmpty()) {
        return;
      }
      tags.add(new Tag(name, tagOffset, endTag, List.copyOf(attrs)));
      if (!endTag && RAW_TEXT.contains(name)) {
        state = State.RAW;
        rawElement = name;
      }
    }

    private static boolean isLetter(char c) {
      return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isSpace(char c) {
      return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    private static boolean isNameChar(char c) {
      return !isSpace(c) && c != '/' && c != '>';
    }
  }

  // ------------------------------------------------------------------ routing

  /** A form and the submit buttons that belong to it. */
  private static final class Form {
    final Tag tag;
    final List<Tag> submitters = new ArrayList<>();

    Form(Tag tag) {
      this.tag = tag;
    }

    boolean intercepted() {
      return !tag.has("lvt-form:no-intercept");
    }
  }

  /** A button with a {@code form} attribute naming no static form: we cannot tell its form. */
  private static final Form UNKNOWN = new Form(null);

  private void route(List<Tag> tags) {
    Map<Tag, Form> forms = new IdentityHashMap<>();
    Map<String, Form> byId = new HashMap<>();
    List<Form> order = new ArrayList<>();
    for (Tag t : tags) {
      if (!t.end() && t.name().equals("form")) {
        Form f = new Form(t);
        forms.put(t, f);
        order.add(f);
        Attr id = t.first("id");
        if (id != null && id.hasText()) {
          byId.putIfAbsent(id.value(), f);
        }
      }
    }
    Deque<Form> open = new ArrayDeque<>();
    for (Tag t : tags) {
      if (t.end()) {
        if (t.name().equals("form") && !open.isEmpty()) {
          open.pop();
        }
        continue;
      }
      Form enclosing = open.peek();
      for (Attr a : t.attrs()) {
        if (a.name().startsWith("lvt-on:")) {
          boolean nativeSubmit = a.name().equals("lvt-on:submit") && t.name().equals("form")
              && !forms.get(t).intercepted();
          if (a.hasText() && !nativeSubmit) {
            add(a.value(), a.valueOffset(), Kind.EVENT, a.name() + "=\"" + a.value() + "\"");
          }
        } else if (a.name().equals("lvt-scroll-sentinel")) {
          add("load_more", a.nameOffset(), Kind.SCROLL_SENTINEL, "lvt-scroll-sentinel");
        } else if (a.name().equals("lvt-form:action") && !t.name().equals("form")
            && a.hasText()) {
          add(a.value(), a.valueOffset(), Kind.FORM_ACTION,
              "lvt-form:action=\"" + a.value() + "\"");
        }
      }
      switch (t.name()) {
        case "form" -> open.push(forms.get(t));
        case "button" -> button(t, owner(t, enclosing, byId));
        case "input" -> {
          String type = t.type();
          Form owner = owner(t, enclosing, byId);
          if (("submit".equals(type) || "image".equals(type)) && owner != null
              && owner != UNKNOWN) {
            owner.submitters.add(t);
          }
        }
        default -> { }
      }
    }
    for (Form f : order) {
      finish(f);
    }
  }

  /** The form {@code t} belongs to: its {@code form} attribute, else the enclosing one. */
  private static Form owner(Tag t, Form enclosing, Map<String, Form> byId) {
    Attr form = t.first("form");
    if (form == null) {
      return enclosing;
    }
    Form f = form.hasText() ? byId.get(form.value()) : null;
    return f != null ? f : UNKNOWN;
  }

  private void button(Tag t, Form owner) {
    String type = t.type();
    if (owner == null) {
      // An orphan button sends its name on click, whatever its type except reset.
      if (type != null && !type.equals("reset") && !t.has("commandfor")) {
        for (Attr name : t.all("name")) {
          if (name.hasText()) {
            add(name.value(), name.valueOffset(), Kind.ORPHAN_BUTTON,
                "<button name=\"" + name.value() + "\">");
          }
        }
      }
      return;
    }
    if (owner == UNKNOWN) {
      return;
    }
    // Missing and invalid types mean submit; a dynamic type might be submit.
    if (type == null || !(type.equals("button") || type.equals("reset") || type.equals("menu"))) {
      owner.submitters.add(t);
    }
  }

  private void finish(Form f) {
    Tag t = f.tag;
    if (!f.intercepted() || t.hasRouting("lvt-on:submit") || t.has("lvt-persist")) {
      return; // native submit; lvt-on:submit checked as an event; persist:… not checked
    }
    if (t.hasRouting("lvt-form:action")) {
      for (Attr a : t.all("lvt-form:action")) {
        if (a.hasText()) {
          add(a.value(), a.valueOffset(), Kind.FORM_ACTION,
              "lvt-form:action=\"" + a.value() + "\"");
        }
      }
      return;
    }
    boolean namedSubmit = false;
    for (Tag b : f.submitters) {
      boolean sure = b.type() != null;
      for (Attr name : b.all("name")) {
        if (name.dynamic() || name.hasText()) {
          namedSubmit = true;
        }
        if (name.hasText() && sure) {
          String origin = b.name().equals("input")
              ? "<input type=\"" + b.type() + "\" name=\"" + name.value() + "\">"
              : "<button name=\"" + name.value() + "\">";
          add(name.value(), name.valueOffset(), Kind.SUBMIT_BUTTON, origin);
        }
      }
    }
    boolean named = t.hasRouting("name");
    for (Attr name : t.all("name")) {
      if (name.hasText()) {
        add(name.value(), name.valueOffset(), Kind.FORM_NAME,
            "<form name=\"" + name.value() + "\">");
      }
    }
    if (!namedSubmit && !named) {
      add("submit", t.offset(), Kind.DEFAULT_SUBMIT, "<form>");
    }
  }

  private void add(String name, int offset, Kind kind, String origin) {
    refs.putIfAbsent(offset + "\u0000" + name + "\u0000" + kind,
        new Ref(name, pos(offset), kind, origin));
  }
}
