package io.github.livetemplate.examples.quickstart;

import io.github.livetemplate.examples.quickstart.Greeting.Item;
import java.util.List;

/**
 * Renders one state as HTML and as the client's tree JSON, then prints the update that turns it
 * into a second state.
 */
public final class QuickStart {
    private QuickStart() {}

    public static void main(String[] args) {
        GreetingRenderer renderer = new GreetingRenderer();

        Greeting before = new Greeting("World", List.of(new Item("a", "Read the README", false)));
        Greeting after =
                new Greeting(
                        "World",
                        List.of(
                                new Item("a", "Read the README", true),
                                new Item("b", "Write a template", false),
                                new Item("c", "Run javac", false)));

        System.out.println("== html(before)");
        System.out.println(renderer.html(before));
        System.out.println("== tree(before)");
        System.out.println(renderer.tree(before));
        System.out.println("== diff(before, after)");
        System.out.println(renderer.diff(before, after));
        System.out.println("== diff(after, equal state)");
        System.out.println(renderer.diff(after, new Greeting(after.name(), after.items())));
    }
}
