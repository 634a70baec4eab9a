package io.github.livetemplate.examples.todo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.livetemplate.test.LiveTest;
import io.github.livetemplate.test.LiveView;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The to-do lists are bounded: visitors who add nothing keep nothing, lists of browsers gone for
 * the idle time are dropped (not while a tab is connected), and the number of lists is capped.
 */
class TodoRepositoryTest {
    final AtomicLong now = new AtomicLong();
    final TodoRepository repository = new TodoRepository(Duration.ofMinutes(30), 3, now::get);

    private static List<String> texts(List<Todo> items) {
        return items.stream().map(Todo::text).toList();
    }

    private void minutes(long m) {
        now.addAndGet(Duration.ofMinutes(m).toNanos());
    }

    @Test
    void visitorsWhoAddNothingKeepNothing() {
        // given: the page on the default repository
        TodoRepository defaults = new TodoRepository();
        LiveTest<TodoState> page =
                LiveTest.of(
                        new TodoStateRenderer(),
                        new TodoControllerLive(new TodoController(defaults)),
                        TodoState.initial());
        // when: 1,000 visitors (each a new session group, as a client without cookies) load and
        // connect without adding anything, and one adds an item
        for (int i = 0; i < 1000; i++) {
            page.visit().load();
            page.connect().close();
        }
        LiveView<TodoState> adds = page.connect();
        adds.submit("add", Map.of("text", "Buy milk"));
        // then: one list is kept
        assertEquals(1, defaults.size());
        assertEquals(List.of("Buy milk"), texts(defaults.items(adds.groupId())));
    }

    @Test
    void idleListsAreDroppedOnlyOnceNoTabIsConnected() {
        // given: A and B with one item each, C with one item and a connected tab
        repository.list("A").add("a");
        repository.list("B").add("b");
        repository.connected("C");
        repository.list("C").add("c");
        // when: 31 minutes pass and another browser shows its (empty) list
        minutes(31);
        assertEquals(List.of(), repository.items("D"));
        // then: A and B are gone, C is kept and D was not created
        assertEquals(List.of(), repository.items("A"));
        assertEquals(List.of(), repository.items("B"));
        assertEquals(List.of("c"), texts(repository.items("C")));
        assertEquals(1, repository.size());

        // when: C's tab closes and the idle time passes again
        repository.disconnected("C");
        minutes(29);
        assertEquals(List.of("c"), texts(repository.items("C")), "used again: idle restarts");
        minutes(31);
        repository.items("E");
        // then
        assertEquals(0, repository.size());
    }

    @Test
    void theLeastRecentlyUsedListIsDroppedPastTheBound() {
        // given: a bound of 3 lists
        for (String g : List.of("g1", "g2", "g3")) {
            repository.list(g).add(g);
        }
        // when: g1 is used again and two more lists are created
        repository.items("g1");
        repository.list("g4").add("g4");
        repository.list("g5").add("g5");
        // then: g2 and g3, the least recently used, are dropped
        assertEquals(3, repository.size());
        assertEquals(List.of("g1"), texts(repository.items("g1")));
        assertEquals(List.of(), repository.items("g2"));
        assertEquals(List.of(), repository.items("g3"));
        assertEquals(List.of("g5"), texts(repository.items("g5")));
    }
}
