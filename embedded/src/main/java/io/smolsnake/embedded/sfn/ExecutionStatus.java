package io.smolsnake.embedded.sfn;

/** An execution's status, named as DescribeExecution names it. */
public enum ExecutionStatus {
    RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED
}
