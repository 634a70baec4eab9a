package io.github.livetemplate.test;

import io.github.livetemplate.runtime.engine.HttpStates;
import io.github.livetemplate.runtime.engine.PageSession;
import io.github.livetemplate.runtime.engine.Upgrade;
import io.github.livetemplate.runtime.engine.Visitor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who opens the page next and with which URL: a signed-in user (what the handler's {@code identify}
 * would tell), a session group (the browser's session cookie; tabs of one browser share it) and the
 * page URL's query. Then {@link #connect()} opens a live tab, {@link #load()} only loads the page
 * over HTTP.
 *
 * @param <S> the state record type
 */
public final class Visit<S> {
    private final LiveTest<S> page;
    private String user = "";
    private String group;
    private final Map<String, String> query = new LinkedHashMap<>();

    Visit(LiveTest<S> page) {
        this.page = page;
    }

    /** The signed-in user ({@code ctx.userId()}); anonymous by default. */
    public Visit<S> user(String userId) {
        this.user = Objects.requireNonNull(userId, "userId");
        return this;
    }

    /**
     * The session group ({@code ctx.groupId()}); by default every visit is a new browser with a
     * group of its own. Give two visits the same group to test two tabs of one browser.
     */
    public Visit<S> group(String groupId) {
        if (groupId == null || groupId.isEmpty()) {
            throw new IllegalArgumentException("groupId must not be empty");
        }
        this.group = groupId;
        return this;
    }

    /** Adds query parameter {@code name=value} to the page URL ({@code ctx.query()}). */
    public Visit<S> query(String name, String value) {
        query.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Adds every parameter of {@code params} to the page URL's query. */
    public Visit<S> query(Map<String, String> params) {
        params.forEach(this::query);
        return this;
    }

    /**
     * Opens a live tab, as the browser client does after the page loaded: the WebSocket connects,
     * {@code mount} and {@code onConnect} run and the first, complete tree is sent ({@link
     * LiveView#connected()}). A mount that throws leaves the view closed with code 1011.
     */
    public LiveView<S> connect() {
        Upgrade upgrade =
                new Upgrade(new Visitor(groupId(), user), true, page.path(), Map.copyOf(query));
        return LiveView.open(page, upgrade);
    }

    /**
     * Loads the page over HTTP without connecting (the page the browser shows before its client
     * starts, or with JavaScript off): {@code mount} runs with {@code ctx.isHttp()} true.
     *
     * @throws AssertionError if mount failed (the server would answer 500)
     */
    public Html load() {
        String g = groupId();
        HttpStates.Entry<S> entry = page.httpStates().acquire(g, page.path(), LiveTest.INLINE);
        String[] html = new String[1];
        entry.queue()
                .force(
                        () -> {
                            PageSession<S> s =
                                    entry.session()
                                            .forRequest(new Visitor(g, user), Map.copyOf(query));
                            if (s.load()) {
                                html[0] =
                                        s.html(page.engine().defaultWrapperId(), false).toString();
                            }
                        });
        if (html[0] == null) {
            throw new AssertionError("mount failed for the page load (see the log)");
        }
        return new Html(html[0]);
    }

    private String groupId() {
        if (group == null) {
            group = page.newGroup();
        }
        return group;
    }
}
