package io.smolsnake.pypackaging.wheel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordFileTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a/b.py,sha256=x,3                  | a/b.py
            "a,b.py",sha256=x,3                | a,b.py
            "say ""hi"".txt",sha256=x,3        | say "hi".txt
            a b.py,sha256=x,3                  | a b.py
            """)
    void readsPathsAsPythonsCsvWritesThem(String line, String path) throws Exception {
        Map<String, RecordFile.Line> lines = RecordFile.parse((line + "\r\n").getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of(path), List.copyOf(lines.keySet()));
        assertEquals(new RecordFile.Line(path, "sha256", "x", 3), lines.get(path));
    }

    @Test
    void aRecordWithoutQuotesSplitsAsTheQuotingParserWould() {
        // the fast path for unquoted text against the character-at-a-time parser, on random texts
        java.util.Random random = new java.util.Random(42);
        char[] alphabet = {'a', 'b', ',', ',', '\n', '\r', ' ', '=', '/', '\u00e9'};
        for (int round = 0; round < 5000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            List<List<String>> viaQuoted = RecordFile.quoted(text.toString());
            List<List<String>> viaFast = RecordFile.unquoted(text.toString());
            assertEquals(viaQuoted, viaFast, () -> "text: " + text.toString().replace("\r", "\\r").replace("\n", "\\n"));
        }
    }

    @Test
    void writesWhatItReads() throws Exception {
        List<RecordFile.Line> lines = List.of(
                new RecordFile.Line("a,b.py", "sha256", "abc", 3),
                new RecordFile.Line("q\"uote.py", "sha256", "def", 0),
                new RecordFile.Line("pkg-1.0.dist-info/RECORD", "", "", -1));

        byte[] written = RecordFile.write(lines);

        assertEquals("\"a,b.py\",sha256=abc,3\n\"q\"\"uote.py\",sha256=def,0\npkg-1.0.dist-info/RECORD,,\n",
                new String(written, StandardCharsets.UTF_8));
        assertEquals(lines, List.copyOf(RecordFile.parse(written).values()));
    }

    @Test
    void acceptsPaddedDigestsAndSkipsBlankLines() throws Exception {
        Map<String, RecordFile.Line> lines = RecordFile.parse("\na.py,sha256=YWJj==,3\n\n".getBytes(
                StandardCharsets.UTF_8));

        assertEquals(new RecordFile.Line("a.py", "sha256", "YWJj", 3), lines.get("a.py"));
    }
}
