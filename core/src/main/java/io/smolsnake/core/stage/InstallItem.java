package io.smolsnake.core.stage;

/**
 * One locked wheel the store lacks: an item of the Install map, sent to the worker as one SQS
 * message ({@code size} null when the lock does not record one). Kept small: a plan of a few hundred items stays far below Step Functions' 256 KB.
 */
public record InstallItem(String name, String version, String url, String filename, Long size, String sha256) {}
