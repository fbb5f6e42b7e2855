package io.smolsnake.cli.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FollowerTest {
    @Test
    void showsTheMessageOfALambdaErrorDocumentNotItsStackTrace() {
        String cause = "Verify failed for function report (alias live left unchanged): {\"errorMessage\":"
                + "\"report:3: 1 of 12 top-level modules did not import\",\"errorType\":\"Verify.ImportFailed\","
                + "\"stackTrace\":[\"io.smolsnake.verify.Verifier.failure(Verifier.java:131)\"]}";

        assertEquals("Verify failed for function report (alias live left unchanged): report:3: 1 of 12 top-level"
                + " modules did not import", Follower.readable(cause));
    }

    @Test
    void leavesAPlainCauseAsItIs() {
        assertEquals("pandas 1.0: the download's sha256 is 00ff {not json", Follower.readable(
                "pandas 1.0: the download's sha256 is 00ff {not json"));
        assertEquals(null, Follower.readable(null));
    }
}
