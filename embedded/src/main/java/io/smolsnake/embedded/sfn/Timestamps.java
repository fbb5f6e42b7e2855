package io.smolsnake.embedded.sfn;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** RFC 3339 timestamps as Step Functions accepts them: an uppercase T and an explicit offset or Z. */
final class Timestamps {
    private static final Pattern SHAPE = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

    private Timestamps() {}

    /** The instant, or null when the text is not such a timestamp. */
    static Instant parse(String text) {
        if (text == null || !SHAPE.matcher(text).matches()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
