package io.github.livetemplate.examples.quickstart;

import io.github.livetemplate.LiveTemplate;
import java.util.List;

/**
 * The state of the quick-start page. The annotation processor reads {@code greeting.tmpl} from this
 * package's resource folder and generates {@link GreetingRenderer} at compile time.
 *
 * @param name who to greet
 * @param items the to-do list; each row is keyed by its {@code data-key}
 */
@LiveTemplate("greeting.tmpl")
public record Greeting(String name, List<Item> items) {

    /**
     * One row of the list.
     *
     * @param id a unique id, used as the row key
     * @param label the text shown
     * @param done whether the item is done
     */
    public record Item(String id, String label, boolean done) {}

    /** How many items are not done; the template calls it as {@code .Remaining}. */
    public long remaining() {
        return items.stream().filter(item -> !item.done()).count();
    }
}
