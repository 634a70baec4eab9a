package io.github.livetemplate.examples.todo;

import io.github.livetemplate.Action;
import io.github.livetemplate.LiveController;
import io.github.livetemplate.runtime.Context;
import java.util.Objects;

/**
 * The to-do page's lifecycle and actions. The template's form, buttons and checkboxes send the
 * actions; the annotation processor checks that each one exists here and generates {@link
 * TodoControllerLive}.
 *
 * <p>Dependencies belong to the controller, never to the state: the {@link TodoRepository} holds
 * one list per session group ({@link Context#groupId()}, shared by all tabs of a browser). Every
 * action changes the list and then returns a fresh snapshot of it, so a tab also picks up what
 * another tab changed in the meantime. One controller serves every connection concurrently; it
 * keeps nothing per connection itself.
 */
@LiveController
public final class TodoController {
    /** The longest accepted item text, in characters (code points). */
    public static final int MAX_TEXT = 100;

    private final TodoRepository repository;

    public TodoController(TodoRepository repository) {
        this.repository = Objects.requireNonNull(repository, "repository");
    }

    /**
     * Every page load, connection and same-page link ({@code ?filter=active} arrives as a {@code
     * __navigate__}): the session group's list under the query's filter.
     */
    public TodoState mount(TodoState state, Context ctx) {
        return load(Filter.parse(ctx.query().get("filter")), ctx);
    }

    /**
     * {@code <form name="add">}: appends the typed text. Empty or too long text is refused with a
     * message for field {@code text}; the client then keeps what the user typed.
     */
    public TodoState add(TodoState state, Context ctx) {
        String text = ctx.getString("text").strip();
        if (text.isEmpty()) {
            ctx.error("text", "Please type what needs doing.");
        } else if (text.codePointCount(0, text.length()) > MAX_TEXT) {
            ctx.error("text", "That is too long: at most " + MAX_TEXT + " characters.");
        } else if (repository.list(ctx.groupId()).add(text) == null) {
            ctx.error("text", "The list is full (" + TodoRepository.MAX_ITEMS + " items).");
        }
        return load(state.filter(), ctx);
    }

    /** The row's checkbox ({@code lvt-on:click="toggle" data-id="t1"}): done ↔ not done. */
    public TodoState toggle(TodoState state, Context ctx) {
        repository.list(ctx.groupId()).toggle(ctx.getString("id"));
        return load(state.filter(), ctx);
    }

    /** The row's {@code <button name="delete" value="t1">}. */
    public TodoState delete(TodoState state, Context ctx) {
        repository.list(ctx.groupId()).delete(ctx.getString("value"));
        return load(state.filter(), ctx);
    }

    /** {@code <button name="clear-done">}: removes every done item. */
    @Action("clear-done")
    public TodoState clearCompleted(TodoState state, Context ctx) {
        repository.list(ctx.groupId()).clearDone();
        return load(state.filter(), ctx);
    }

    /** A tab connected: its browser's list is kept while it stays open, however idle. */
    public TodoState onConnect(TodoState state, Context ctx) {
        repository.connected(ctx.groupId());
        return state;
    }

    /** The tab closed: once every tab of the browser has, the list's idle time runs. */
    public void onDisconnect(TodoState state, Context ctx) {
        repository.disconnected(ctx.groupId());
    }

    /** Showing the list creates none: a visitor who adds nothing keeps nothing on the server. */
    private TodoState load(Filter filter, Context ctx) {
        return TodoState.of(filter, repository.items(ctx.groupId()));
    }
}
