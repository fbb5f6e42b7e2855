package io.smolsnake.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VerifyPartsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "START RequestId: a\\nREPORT RequestId: a\\tDuration: 2.00 ms\\tBilled Duration: 2 ms\\tMemory Size: 128 MB\\tMax Memory Used: 41 MB\\tInit Duration: 812.55 ms\\t| 812.55 | 41",
        "REPORT RequestId: a\\tDuration: 2.00 ms\\tBilled Duration: 2 ms\\tMemory Size: 128 MB\\tMax Memory Used: 41 MB\\t | null | 41",
        "no report line here | null | null",
        "ive tail starting mid-line\\nREPORT RequestId: b\\tDuration: 1 ms\\tMax Memory Used: 7 MB\\tInit Duration: 3.5 ms | 3.5 | 7",
    })
    void readsInitDurationAndMemoryFromTheLastReportLine(String tail, Double init, Long memory) {
        assertEquals(new ReportLine(init, memory), ReportLine.parse(tail.replace("\\n", "\n").replace("\\t", "\t")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"rows\": 2, \"mean\": {\"Lisbon\": 21.0}} | {\"rows\": 2, \"mean\": {\"Lisbon\": 21}, \"extra\": 1} | ''",
        "{\"rows\": 2} | {\"rows\": 3} | $.rows: expected 2, got 3",
        "{\"a\": {\"b\": 1}} | {\"a\": {}} | $.a.b: missing, expected 1",
        "{\"l\": [1, 2]} | {\"l\": [1, 2, 3]} | '$.l: expected [1,2], got [1,2,3]'",
        "\"ok\" | \"ok\" | ''",
        "{\"a\": 1} | [1] | $: expected an object, got [1]",
    })
    void comparesTheSmokeResultAsASupersetOfTheExpectation(String expected, String actual, String differences)
            throws Exception {
        List<String> want = differences.isEmpty() ? List.of() : List.of(differences);
        assertEquals(want, Expectation.differences(JSON.readTree(expected), JSON.readTree(actual)));
    }
}
