package io.smolsnake.core.stage;

/**
 * The Inject stage's output.
 *
 * @param function the function's name
 * @param version the published version
 * @param codeSize the bundle's size in bytes
 * @param codeSha256 the bundle's digest as Lambda reports it (base64)
 * @param updated false when code and configuration were already what the stage would set
 */
public record InjectResult(String function, String version, long codeSize, String codeSha256, boolean updated) {}
