package io.github.livetemplate.corpus;

import io.github.livetemplate.runtime.LiveRenderer;
import io.github.livetemplate.testing.OracleCheck;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The differential corpus: every template below runs {@link #SEEDS} seeded random initial states
 * with {@link #STEPS} random transitions each through the real client's tree renderer; after {@code
 * tree(s0)} and every {@code diff}, the client's HTML must equal the wrapper's inner HTML of {@code
 * html(sN)}. A failure names the seed and step and prints the minimal failing transition (see
 * {@link OracleCheck}); reproduce one seed with {@link OracleCheck#runSeed}.
 *
 * <p>System properties {@code corpus.seeds} and {@code corpus.steps} override the defaults (e.g.
 * {@code -Dcorpus.seeds=300} for a longer soak).
 */
class CorpusOracleTest {

    static final int SEEDS = Integer.getInteger("corpus.seeds", 30);
    static final int STEPS = Integer.getInteger("corpus.steps", 20);

    /** One corpus entry: a state record type and its generated renderer. */
    record Entry<R extends Record>(String name, LiveRenderer<R> renderer, Class<R> type) {
        void check() {
            OracleCheck.run(renderer, type, SEEDS, STEPS);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static <R extends Record> Entry<R> entry(LiveRenderer<R> renderer, Class<R> type) {
        return new Entry<>(type.getSimpleName(), renderer, type);
    }

    static Stream<Entry<?>> corpus() {
        return Stream.of(
                entry(new C01FieldsRenderer(), C01Fields.class),
                entry(new C02ChainsRenderer(), C02Chains.class),
                entry(new C03ConditionalsRenderer(), C03Conditionals.class),
                entry(new C04WithRenderer(), C04With.class),
                entry(new C04bWithDeclareRenderer(), C04bWithDeclare.class),
                entry(new C05KeyedRenderer(), C05Keyed.class),
                entry(new C06IndexRenderer(), C06Index.class),
                entry(new C07RangeElseRenderer(), C07RangeElse.class),
                entry(new C08NestedRenderer(), C08Nested.class),
                entry(new C09MapsRenderer(), C09Maps.class),
                entry(new C10UnkeyedRenderer(), C10Unkeyed.class),
                entry(new C11ArraysRenderer(), C11Arrays.class),
                entry(new C12VarsRenderer(), C12Vars.class),
                entry(new C13DefineRenderer(), C13Define.class),
                entry(new C13bTemplateRowRenderer(), C13bTemplateRow.class),
                entry(new C14BuiltinsRenderer(), C14Builtins.class),
                entry(new C14bLenSliceRenderer(), C14bLenSlice.class),
                entry(new C15FunctionsRenderer(), C15Functions.class),
                entry(new C16EscapingRenderer(), C16Escaping.class),
                entry(new C17TrustedRenderer(), C17Trusted.class),
                entry(new C18TrimRenderer(), C18Trim.class),
                entry(new C19AttrConditionalsRenderer(), C19AttrConditionals.class),
                entry(new C20TodosRenderer(), C20Todos.class),
                entry(new C21TableRenderer(), C21Table.class),
                entry(new C22DeepRenderer(), C22Deep.class),
                entry(new C23OuterRefsRenderer(), C23OuterRefs.class),
                entry(new C24ContainersRenderer(), C24Containers.class),
                entry(new C25UnkeyedRecordsRenderer(), C25UnkeyedRecords.class),
                entry(new C26RangesInContextsRenderer(), C26RangesInContexts.class),
                entry(new C27CompositeRenderer(), C27Composite.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void clientRebuildsEveryState(Entry<?> entry) {
        entry.check();
    }
}
