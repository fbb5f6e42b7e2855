package io.smolsnake.embedded.sfn.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A state machine as CreateStateMachine made it and UpdateStateMachine changed it.
 *
 * @param revisionId changes with every update
 */
public record StoredStateMachine(
        String arn,
        String name,
        String definition,
        String roleArn,
        String type,
        Instant creationDate,
        Instant updateDate,
        String revisionId) {

    public StoredStateMachine {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(creationDate, "creationDate");
        Objects.requireNonNull(revisionId, "revisionId");
    }
}
