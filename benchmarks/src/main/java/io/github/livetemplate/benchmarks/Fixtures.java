package io.github.livetemplate.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark data. Deterministic, and free of the characters whose escaping may differ between
 * Go html/template (which our renderers follow: {@code '} as {@code &#39;}, {@code "} as {@code
 * &#34;}, {@code +} as {@code &#43;}) and jte (which leaves {@code +} as it is), so both engines
 * write identical bytes. {@code &} and {@code <} do occur and are escaped identically.
 */
public final class Fixtures {

    private Fixtures() {}

    /** The wrapper id our renderers use for page (a); the jte template writes it too. */
    public static final String TODOS_WRAPPER_ID = new TodoPageRenderer().defaultWrapperId();

    /** The wrapper id our renderers use for page (b); the jte template writes it too. */
    public static final String STOCKS_WRAPPER_ID = new StocksPageRenderer().defaultWrapperId();

    private static final String[] WORDS = {
        "water the plants", "review pull request", "write release notes", "call the bank",
        "fix flaky test", "buy milk & eggs", "book flights", "update dependencies",
        "plan sprint <draft>", "reply to emails", "clean the garage", "renew passport"
    };

    /** Page (a): 100 todos, every third one done. */
    public static TodoPage todoPage() {
        List<TodoPage.Todo> todos = new ArrayList<>(100);
        for (int i = 0; i < 100; i++) {
            todos.add(
                    new TodoPage.Todo(
                            "t" + i, "Task " + i + ": " + WORDS[i % WORDS.length], i % 3 == 0));
        }
        return TodoPage.of("My todos & notes", List.copyOf(todos), "2026-03-14 09:30:00", "alice");
    }

    /** Page (b): the 20 rows of the classic stocks page. */
    public static StocksPage stocksPage() {
        Object[][] rows = {
            {
                "Adobe Systems",
                "Adobe Systems Inc.",
                "http://www.adobe.com",
                "ADBE",
                39.26,
                0.13,
                0.33
            },
            {
                "Advanced Micro Devices",
                "Advanced Micro Devices Inc.",
                "http://www.amd.com",
                "AMD",
                16.22,
                0.17,
                1.06
            },
            {"Amazon.com", "Amazon.com Inc", "http://www.amazon.com", "AMZN", 36.85, -0.23, -0.62},
            {"Apple", "Apple Inc.", "http://www.apple.com", "AAPL", 85.38, -0.87, -1.01},
            {"BEA Systems", "BEA Systems Inc.", "http://www.bea.com", "BEAS", 12.46, 0.09, 0.73},
            {"CA", "CA, Inc.", "http://www.ca.com", "CA", 24.66, 0.38, 1.57},
            {
                "Cisco Systems",
                "Cisco Systems Inc.",
                "http://www.cisco.com",
                "CSCO",
                17.62,
                0.13,
                0.74
            },
            {"Dell", "Dell Corp.", "http://www.dell.com/", "DELL", 27.33, 0.14, 0.52},
            {"eBay", "eBay Inc.", "http://www.ebay.com", "EBAY", 27.91, 0.27, 0.98},
            {"Google", "Google Inc.", "http://www.google.com", "GOOG", 468.85, 6.36, 1.38},
            {
                "Hewlett-Packard",
                "Hewlett-Packard Co.",
                "http://www.hp.com",
                "HPQ",
                39.96,
                0.41,
                1.04
            },
            {
                "IBM",
                "International Business Machines Corp.",
                "http://www.ibm.com",
                "IBM",
                91.92,
                0.52,
                0.57
            },
            {"Intel", "Intel Corp.", "http://www.intel.com", "INTC", 19.83, 0.11, 0.56},
            {
                "Juniper Networks",
                "Juniper Networks, Inc",
                "http://www.juniper.net/",
                "JNPR",
                18.77,
                0.18,
                0.97
            },
            {"Microsoft", "Microsoft Corp", "http://www.microsoft.com", "MSFT", 30.11, 0.09, 0.34},
            {"Oracle", "Oracle Corp.", "http://www.oracle.com", "ORCL", 17.15, 0.07, 0.41},
            {"SAP", "SAP AG", "http://www.sap.com", "SAP", 46.24, 0.24, 0.52},
            {
                "Seagate Technology",
                "Seagate Technology",
                "http://www.seagate.com/",
                "STX",
                27.63,
                -0.55,
                -1.97
            },
            {
                "Sun Microsystems",
                "Sun Microsystems Inc.",
                "http://www.sun.com",
                "SUNW",
                3.65,
                0.01,
                0.27
            },
            {"Yahoo", "Yahoo! Inc.", "http://www.yahoo.com", "YHOO", 28.04, -0.17, -0.62},
        };
        List<StocksPage.Stock> items = new ArrayList<>(rows.length);
        for (int i = 0; i < rows.length; i++) {
            Object[] r = rows[i];
            items.add(
                    new StocksPage.Stock(
                            i + 1,
                            (String) r[0],
                            (String) r[1],
                            (String) r[2],
                            (String) r[3],
                            (Double) r[4],
                            (Double) r[5],
                            (Double) r[6]));
        }
        return new StocksPage(List.copyOf(items));
    }

    /** Page (c): {@code n} keyed rows, every tenth selected. */
    public static ListPage listPage(int n) {
        List<ListPage.Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(row(i));
        }
        return new ListPage("Rows", 1, List.copyOf(rows));
    }

    static ListPage.Row row(int i) {
        return new ListPage.Row("r" + i, "Row number " + i + " of the list", i % 10 == 0);
    }
}
