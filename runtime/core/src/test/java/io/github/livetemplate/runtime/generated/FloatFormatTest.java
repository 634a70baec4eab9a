package io.github.livetemplate.runtime.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.livetemplate.runtime.Utf8Buffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The allocation-free float writer prints exactly what the exact formatter prints. */
class FloatFormatTest {
    @ParameterizedTest
    @ValueSource(
            doubles = {
                0.0,
                -0.0,
                1,
                -1,
                0.5,
                0.1,
                0.07,
                33.5,
                -12.25,
                1e-4,
                1.5e-4,
                9.99e-5,
                1e-5,
                999999,
                1e6,
                1234567,
                123456.7,
                100000,
                1e15 - 1,
                1e15,
                1e21,
                1e22,
                1e300,
                4.9e-324,
                Double.MAX_VALUE,
                Double.NaN,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY,
                2.0 / 3,
                1.0 / 3,
                5e-324,
                0.30000000000000004
            })
    void writesWhatFormatPrints(double v) {
        assertWritesLikeFormat(v);
    }

    @Test
    void writesWhatFormatPrintsForRandomPricesAndBits() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            // prices as pages show them, and ratios
            assertWritesLikeFormat(Math.round(random.nextDouble(-1e6, 1e6)) / 100.0);
            assertWritesLikeFormat(Math.round(random.nextDouble(-1e3, 1e3)) / 1e5);
        }
        for (int i = 0; i < 1_000; i++) {
            // arbitrary bits (mostly the exact path)
            assertWritesLikeFormat(Double.longBitsToDouble(random.nextLong()));
        }
    }

    private static void assertWritesLikeFormat(double v) {
        Utf8Buffer out = new Utf8Buffer(8);
        FloatFormat.writeShortest(v, out);
        String expected =
                Double.isFinite(v) ? FloatFormat.format(v, 64, 'g', -1) : GoFmt.toString(v);
        assertEquals(expected, out.toString(), () -> "for " + v);
        assertEquals(Slots.text(v), expected);
    }
}
