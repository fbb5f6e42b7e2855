package io.smolsnake.pypackaging;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Numbers for people to read, printed without {@link java.util.Formatter}. */
public final class Decimals {
    private Decimals() {}

    /**
     * {@code x} with {@code places} decimals, rounded half up, as {@code %.Nf} prints it in the root
     * locale (without {@link java.util.Formatter}, whose locale data costs a short command tens of
     * milliseconds the first time).
     */
    public static String of(double x, int places) {
        return BigDecimal.valueOf(x).setScale(places, RoundingMode.HALF_UP).toPlainString();
    }
}
