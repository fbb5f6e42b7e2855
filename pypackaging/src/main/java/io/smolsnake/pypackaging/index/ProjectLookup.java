package io.smolsnake.pypackaging.index;

/** What one source answered when asked for one project. */
public sealed interface ProjectLookup {

    /** The source that was asked. */
    IndexSource source();

    /** The source lists the project (possibly with no files). */
    record Found(IndexSource source, ProjectPage page) implements ProjectLookup {}

    /** The source answered and does not know the project (HTTP 404, no such directory). */
    record NotFound(IndexSource source) implements ProjectLookup {}

    /** The source could not be asked: network failure, 5xx after retries, unreadable page. */
    record Unreachable(IndexSource source, String reason) implements ProjectLookup {
        /** A one-line warning naming the source and the reason. */
        public String warning() {
            return "could not read " + source + ": " + reason;
        }
    }
}
