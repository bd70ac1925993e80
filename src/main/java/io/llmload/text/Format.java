package io.llmload.text;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Number formatting shared by the console and HTML reports. */
public final class Format {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    private Format() {
    }

    /** Milliseconds with precision that suits their size: 0.123, 12.3, 1234. */
    public static String ms(double v) {
        if (v == 0) {
            return "0";
        }
        if (v < 1) {
            return String.format(Locale.ROOT, "%.3f", v);
        }
        if (v < 100) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    public static String rate(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%,.0f" : "%.2f", v);
    }

    public static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    public static String percent(double fraction) {
        double p = fraction * 100;
        return String.format(Locale.ROOT, p == 0 ? "%.0f%%" : p < 0.1 ? "%.3f%%" : "%.1f%%", p);
    }

    /** A plain number without trailing zeros: 5, 2.5, 0.125. */
    public static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** "2025-01-31 14:05:09 UTC" from a report's ISO-8601 instant; anything else as it is. */
    public static String timestamp(String iso) {
        try {
            return TIMESTAMP.format(OffsetDateTime.parse(iso).withOffsetSameInstant(ZoneOffset.UTC));
        } catch (RuntimeException e) {
            return iso;
        }
    }

    public static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1fs", s);
    }
}
