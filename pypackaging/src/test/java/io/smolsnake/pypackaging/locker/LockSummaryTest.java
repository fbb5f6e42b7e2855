package io.smolsnake.pypackaging.locker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LockSummaryTest {
    @ParameterizedTest
    @CsvSource({
        "0, 0 B",
        "1023, 1023 B",
        "1024, 1.0 KB",
        "1587, 1.5 KB",
        "85563392, 81.6 MB",
        "1073741824, 1.00 GB",
        "2791728742, 2.60 GB"})
    void printsSizesInBinaryUnits(long bytes, String expected) {
        assertEquals(expected, LockSummary.bytes(bytes));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1 | 1000 | 2000 | Locked 1 package for host in 0.4 s: 1000 B to download, 2.0 KB installed. It would fit in a Lambda zip; on EFS it ships as a few kilobytes.",
        "6 | 85563392 | 277767372 | Locked 6 packages for host in 0.4 s: 81.6 MB to download, 264.9 MB installed. Too big for Lambda's 250 MB unzipped limit: smolsnake serves it from EFS.",
        "3 | 60000000 | -1 | Locked 3 packages for host in 0.4 s: 57.2 MB to download. Over Lambda's 50 MB zip upload limit: smolsnake serves it from EFS."})
    void rendersOneLineAUserCanActOn(int packages, long download, long installed, String expected) {
        assertEquals(expected, new LockSummary("host", packages, download, installed, 0.43).render());
    }
}
