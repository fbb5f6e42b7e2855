package io.smolsnake.pypackaging.version;

/**
 * A version being matched: the text as given (what {@code ===} compares) and its parsed form, or
 * null when the text is not a PEP 440 version.
 */
record Candidate(String text, Version version) {

    static Candidate of(String text) {
        return new Candidate(text, text != null && Version.isValid(text) ? Version.parse(text) : null);
    }

    static Candidate of(Version version) {
        return new Candidate(version.toString(), version);
    }

    boolean isPrerelease() {
        return version != null && version.isPrerelease();
    }
}
