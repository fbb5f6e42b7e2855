package io.smolsnake.embedded.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * What an {@link Execution} is at one moment, without its history: what a store keeps and what
 * DescribeExecution shows.
 *
 * @param definition the definition the execution runs (the state machine's at start time)
 * @param redriveDate when it was last redriven, or null
 */
public record ExecutionSnapshot(
        String arn,
        String name,
        String stateMachineArn,
        String definition,
        JsonNode input,
        Instant startDate,
        ExecutionStatus status,
        Instant stopDate,
        JsonNode output,
        String error,
        String cause,
        int redriveCount,
        Instant redriveDate) {

    public ExecutionSnapshot {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stateMachineArn, "stateMachineArn");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(startDate, "startDate");
        Objects.requireNonNull(status, "status");
    }
}
