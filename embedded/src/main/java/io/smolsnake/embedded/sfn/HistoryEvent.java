package io.smolsnake.embedded.sfn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of GetExecutionHistory: {@code type} is AWS's event type ({@code TaskStateEntered}),
 * {@code details} the matching {@code ...EventDetails} object with AWS's field names (for example
 * {@code {"name": "Foo", "input": "{}", "inputDetails": {"truncated": false}}}) or null when the
 * type has none, stored under {@link #detailsField()}.
 */
public record HistoryEvent(long id, long previousEventId, Instant timestamp, String type, ObjectNode details) {
    public HistoryEvent {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(type, "type");
    }

    /** The field AWS stores the details under: {@code TaskStateEntered} → {@code stateEnteredEventDetails}. */
    public String detailsField() {
        return HistoryEvents.detailsField(type);
    }
}
