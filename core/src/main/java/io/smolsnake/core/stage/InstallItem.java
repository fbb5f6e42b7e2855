package io.smolsnake.core.stage;

/**
 * One locked wheel the store lacks: an item of the Install map, sent to the worker as one SQS
 * message. Kept small: a plan of a few hundred items stays far below Step Functions' 256 KB.
 */
public record InstallItem(String name, String version, String url, String filename, long size, String sha256) {}
