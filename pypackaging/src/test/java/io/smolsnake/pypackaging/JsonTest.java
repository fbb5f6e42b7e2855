package io.smolsnake.pypackaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class JsonTest {
    static Stream<Arguments> values() {
        Map<String, Object> withNull = new LinkedHashMap<>();
        withNull.put("a", null);
        withNull.put("b", List.of(1L, 2L));
        return Stream.of(
                Arguments.of("0", 0L),
                Arguments.of("-12", -12L),
                Arguments.of("1.5e3", new BigDecimal("1.5e3")),
                Arguments.of("12345678901234567890", new BigDecimal("12345678901234567890")),
                Arguments.of(" true ", true),
                Arguments.of("null", null),
                Arguments.of("\"a\\\"b\\\\c\\/d\\n\\u00e9\\ud83d\\ude00\"", "a\"b\\c/d\né😀"),
                Arguments.of("[]", List.of()),
                Arguments.of("{}", Map.of()),
                Arguments.of("{\"a\": null, \"b\": [1, 2]}", withNull),
                Arguments.of("{\"a\": 1, \"a\": 2}", Map.of("a", 2L)),
                Arguments.of("\n[\"x\", {\"y\": false}]\r\n", List.of("x", Map.of("y", false))));
    }

    @ParameterizedTest
    @MethodSource("values")
    void readsEachKindOfValue(String text, Object expected) {
        assertEquals(expected, Json.parse(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''| expected a value, found the end of the text at offset 0",
        "'{\"a\" 1}'| expected ':' at offset 5",
        "[1 2]| expected ',' or ']' in an array at offset 3",
        "'{\"a\": 1,}'| expected a member name in quotes at offset 8",
        "[1,]| expected a value, found ']' at offset 3",
        "01| unexpected '1' after the value at offset 1",
        "-| expected a digit at offset 1",
        "1.| expected a digit after '.' at offset 2",
        "1e| expected a digit in the exponent at offset 2",
        "'\"abc'| unterminated string at offset 4",
        "'\"\\x\"'| unknown escape '\\x' at offset 1",
        "'\"\\u12g4\"'| bad hex digit in a \\u escape at offset 3",
        "'\"\\u\uFF10\uFF10\uFF14\uFF11\"'| bad hex digit in a \\u escape at offset 3",
        "tru| expected 'true' at offset 0",
        "'{\"a\": 1} x'| unexpected 'x' after the value at offset 9",
        "NaN| expected a value, found 'N' at offset 0"})
    void refusesWhatIsNotJsonSayingWhatAndWhere(String text, String message) {
        Json.JsonException e = assertThrows(Json.JsonException.class, () -> Json.parse(text));
        assertEquals(message.strip(), e.getMessage());
    }

    @Test
    void refusesAControlCharacterInAString() {
        Json.JsonException e = assertThrows(Json.JsonException.class, () -> Json.parse("\"a\tb\""));
        assertEquals("control character U+0009 in a string at offset 2", e.getMessage());
    }

    @Test
    void refusesNestingTooDeepForTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertTrue(assertThrows(Json.JsonException.class, () -> Json.parse(deep)).getMessage().startsWith("nesting"));
    }

    /** Seeded random documents read alike by this reader and by Jackson. */
    @Test
    void readsRandomDocumentsAsJacksonDoes() throws Exception {
        ObjectMapper jackson = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        Random random = new Random(20261122);
        for (int i = 0; i < 2000; i++) {
            String doc = jackson.writeValueAsString(randomValue(random, 0));
            Object expected = normalise(jackson.readValue(doc, Object.class));
            assertEquals(expected, normalise(Json.parse(doc)), doc);
        }
    }

    private static Object randomValue(Random r, int depth) {
        int kind = r.nextInt(depth > 3 ? 5 : 7);
        return switch (kind) {
            case 0 -> null;
            case 1 -> r.nextBoolean();
            case 2 -> r.nextBoolean() ? (Object) r.nextLong() : (Object) (r.nextInt(2000) - 1000);
            case 3 -> new BigDecimal(r.nextGaussian() * 1000).setScale(r.nextInt(6), java.math.RoundingMode.HALF_UP);
            case 4 -> randomString(r);
            case 5 -> {
                List<Object> list = new ArrayList<>();
                for (int k = r.nextInt(4); k > 0; k--) {
                    list.add(randomValue(r, depth + 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int k = r.nextInt(4); k > 0; k--) {
                    map.put(randomString(r), randomValue(r, depth + 1));
                }
                yield map;
            }
        };
    }

    private static String randomString(Random r) {
        char[] pool = "ab/\\\"\n\t\u0001é😀 ".toCharArray();
        char[] out = new char[r.nextInt(6)];
        for (int k = 0; k < out.length; k++) {
            out[k] = pool[r.nextInt(pool.length)];
        }
        return new String(out);
    }

    /** Numbers compared by value, so Integer, Long and BigDecimal of one value are equal. */
    private static Object normalise(Object v) {
        if (v instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(JsonTest::normalise).toList();
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, normalise(x)));
            return out;
        }
        return v;
    }

    @Test
    void keepsTheOrderOfMembers() {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) Json.parse("{\"z\": 1, \"a\": 2, \"m\": 3}");
        assertEquals(Arrays.asList("z", "a", "m"), new ArrayList<>(m.keySet()));
    }

    @Test
    void writesEveryCharacterAsAStringJacksonWritesTheSame() throws Exception {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x300; c++) {
            all.append(c);
        }
        all.append("\u2028\ud83d\ude00 end");
        String text = all.toString();

        String written = Json.appendString(new StringBuilder(), text).toString();

        assertEquals(new ObjectMapper().writeValueAsString(text), written);
        assertEquals(text, Json.parse(written));
    }
}
