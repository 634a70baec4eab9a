package io.github.livetemplate.corpus;

import io.github.livetemplate.TemplateFunction;
import java.util.List;
import java.util.Locale;

/** User template functions for corpus 15. */
public final class CorpusFunctions {
    private CorpusFunctions() {}

    public static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    public static int add(int a, int b) {
        return a + b;
    }

    public static boolean isEven(int n) {
        return n % 2 == 0;
    }

    public static String joinAll(List<String> parts, String sep) {
        return String.join(sep, parts);
    }

    @TemplateFunction("shout")
    public static String exclaim(String s, int times) {
        return s + "!".repeat(Math.max(0, Math.min(times, 5)));
    }
}
