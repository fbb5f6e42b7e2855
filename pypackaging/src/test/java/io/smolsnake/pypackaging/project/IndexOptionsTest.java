package io.smolsnake.pypackaging.project;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class IndexOptionsTest {
    /** The components of IndexOptions, as a record that keeps its generated toString. */
    private record Generated(String indexUrl, List<String> extraIndexUrls, List<String> findLinks, boolean noIndex,
            boolean pre, List<String> trustedHosts, boolean requireHashes) {}

    @Test
    void printsWhatTheRecordPrintedSoLockDigestsStayTheSame() {
        IndexOptions options = new IndexOptions("https://a/simple", List.of("https://b/simple", "file:///c"),
                List.of("/wheels"), true, false, List.of("a"), true);
        Generated generated = new Generated("https://a/simple", List.of("https://b/simple", "file:///c"),
                List.of("/wheels"), true, false, List.of("a"), true);

        assertEquals(generated.toString().replaceFirst("^Generated", "IndexOptions"), options.toString());
        assertEquals(new Generated(null, List.of(), List.of(), false, false, List.of(), false).toString()
                .replaceFirst("^Generated", "IndexOptions"), IndexOptions.NONE.toString());
    }
}
