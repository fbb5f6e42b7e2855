package io.smolsnake.pypackaging.wheel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderFileTest {
    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void readsHeadersUpToTheFirstBlankLineWhateverTheLineEnds(String eol) throws Exception {
        String text = String.join(eol, "Name: demo", "License: MIT", "  and more", "\tand the rest",
                "name: ignored", "", "Version: 9 (in the body)", "");

        HeaderFile headers = parse(text);

        assertEquals(Optional.of("demo"), headers.get("NAME"));
        assertEquals(Optional.of("MIT\nand more\nand the rest"), headers.get("license"));
        assertEquals(Optional.empty(), headers.get("Version"));
    }

    @Test
    void continuationOfARepeatedKeyExtendsItsFirstValue() throws Exception {
        HeaderFile headers = parse("Classifier: a\nClassifier: b\n  b2\nName: demo");

        assertEquals(Optional.of("a\nb2"), headers.get("Classifier"));
        assertEquals(Optional.of("demo"), headers.get("Name"));
    }

    @Test
    void keepsEveryLineOfALongContinuedValue() throws Exception {
        String license = "License: first\n" + "        line\n".repeat(20_000) + "Name: demo\n\nbody";

        HeaderFile headers = parse(license);

        assertEquals("first" + "\nline".repeat(20_000), headers.get("License").orElseThrow());
        assertEquals(Optional.of("demo"), headers.get("Name"));
    }

    @Test
    void rejectsALineThatIsNoHeaderNamingItsNumber() {
        HeaderFile.MalformedException e = assertThrows(HeaderFile.MalformedException.class,
                () -> parse("Name: demo\r\nVersion: 1.0\r\nnot a header\r\n"));

        assertEquals("WHEEL line 3 is not a 'Key: value' header: 'not a header'", e.getMessage());
    }

    private static HeaderFile parse(String text) throws HeaderFile.MalformedException {
        return HeaderFile.parse(text.getBytes(StandardCharsets.UTF_8), "WHEEL");
    }
}
