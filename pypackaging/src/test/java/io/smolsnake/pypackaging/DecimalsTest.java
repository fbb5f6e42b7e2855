package io.smolsnake.pypackaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalsTest {
    @ParameterizedTest
    @ValueSource(doubles = {0, 0.04, 0.05, 0.15, 0.25, 0.35, 1.45, 2.5, 9.95, 99.99, 123456.789, 0.3333, 1e-9})
    void printsDecimalsAsTheRootLocaleFormatterDoes(double x) {
        assertEquals(String.format(Locale.ROOT, "%.1f", x), Decimals.of(x, 1));
        assertEquals(String.format(Locale.ROOT, "%.2f", x), Decimals.of(x, 2));
    }
}
