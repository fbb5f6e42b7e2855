package io.smolsnake.pypackaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.toml.TomlReadFeature;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
import org.junit.jupiter.params.provider.MethodSource;

class TomlTest {

    /** A table in the given order: key, value, key, value, … */
    private static Map<String, Object> t(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static List<Object> a(Object... values) {
        return Arrays.asList(values);
    }

    static Stream<Arguments> documents() {
        return Stream.of(
                // comments, whitespace, newlines
                Arguments.of("", t()),
                Arguments.of("# only a comment\n\n  \t\r\n", t()),
                Arguments.of("a = 1 # trailing comment\r\nb = 2", t("a", 1L, "b", 2L)),
                // keys
                Arguments.of("bare_key-1 = 1\n1234 = 2\n-- = 3", t("bare_key-1", 1L, "1234", 2L, "--", 3L)),
                Arguments.of("\"quoted key\" = 1\n'literal \\key' = 2\n\"\" = 3",
                        t("quoted key", 1L, "literal \\key", 2L, "", 3L)),
                Arguments.of("\"\\u00e9t\\u00E9\" = 1", t("été", 1L)),
                Arguments.of("a . b . \"c.d\" = 1\na.x = 2", t("a", t("b", t("c.d", 1L), "x", 2L))),
                Arguments.of("3.14159 = 'pi'", t("3", t("14159", "pi"))),
                // basic strings
                Arguments.of("s = \"tab\\tquote\\\"backslash\\\\ \\b\\f\\n\\r\"", t("s", "tab\tquote\"backslash\\ \b\f\n\r")),
                Arguments.of("s = \"\\u00e9\\U0001F600 \t raw tab\"", t("s", "é😀 \t raw tab")),
                Arguments.of("s = \"é😀#not a comment\"", t("s", "é😀#not a comment")),
                // multi-line basic strings
                Arguments.of("s = \"\"\"\nline 1\nline 2\"\"\"", t("s", "line 1\nline 2")),
                Arguments.of("s = \"\"\"\r\nCRLF\r\nkept as LF\"\"\"", t("s", "CRLF\nkept as LF")),
                Arguments.of("s = \"\"\"one \\\n    two \\   \n\n  three\"\"\"", t("s", "one two three")),
                Arguments.of("s = \"\"\"\"quoted\" and \"\"two\"\"\"\"\"", t("s", "\"quoted\" and \"\"two\"\"")),
                Arguments.of("s = \"\"\"a\\tb\\u00e9\"\"\"", t("s", "a\tbé")),
                // literal strings
                Arguments.of("s = 'C:\\Users\\nodejs\\templates'", t("s", "C:\\Users\\nodejs\\templates")),
                Arguments.of("s = '<\\i\\c*\\s*>'\nt = ''", t("s", "<\\i\\c*\\s*>", "t", "")),
                Arguments.of("s = '''\nfirst\n  'second' \\n'''", t("s", "first\n  'second' \\n")),
                Arguments.of("s = ''''That,' she said, 'is it.''''", t("s", "'That,' she said, 'is it.'")),
                // integers
                Arguments.of("a = +99\nb = 42\nc = 0\nd = -17\ne = -0\nf = +0",
                        t("a", 99L, "b", 42L, "c", 0L, "d", -17L, "e", 0L, "f", 0L)),
                Arguments.of("a = 1_000\nb = 5_349_221\nc = 1_2_3_4_5", t("a", 1000L, "b", 5349221L, "c", 12345L)),
                Arguments.of("a = 0xDEADBEEF\nb = 0xdead_beef\nc = 0o01234567\nd = 0o755\ne = 0b11010110\nf = 0x7FFFFFFFFFFFFFFF",
                        t("a", 0xDEADBEEFL, "b", 0xDEADBEEFL, "c", 01234567L, "d", 0755L, "e", 0b11010110L,
                                "f", Long.MAX_VALUE)),
                Arguments.of("a = 9223372036854775807\nb = -9223372036854775808", t("a", Long.MAX_VALUE, "b", Long.MIN_VALUE)),
                // floats
                Arguments.of("a = +1.0\nb = 3.1415\nc = -0.01\nd = 5e+22\ne = 1e06\nf = -2E-2\ng = 6.626e-34",
                        t("a", 1.0, "b", 3.1415, "c", -0.01, "d", 5e22, "e", 1e6, "f", -2e-2, "g", 6.626e-34)),
                Arguments.of("a = 224_617.445_991_228\nb = 0.0\nc = -0.0\nd = 0e0\ne = 1e1_0",
                        t("a", 224617.445991228, "b", 0.0, "c", -0.0, "d", 0.0, "e", 1e10)),
                Arguments.of("a = inf\nb = +inf\nc = -inf\nd = nan\ne = +nan\nf = -nan",
                        t("a", Double.POSITIVE_INFINITY, "b", Double.POSITIVE_INFINITY, "c", Double.NEGATIVE_INFINITY,
                                "d", Double.NaN, "e", Double.NaN, "f", Double.NaN)),
                // booleans
                Arguments.of("t = true\nf = false", t("t", true, "f", false)),
                // dates and times
                Arguments.of("a = 1979-05-27T07:32:00Z\nb = 1979-05-27T00:32:00-07:00\nc = 1979-05-27T00:32:00.999999+05:30",
                        t("a", OffsetDateTime.of(1979, 5, 27, 7, 32, 0, 0, ZoneOffset.UTC),
                                "b", OffsetDateTime.of(1979, 5, 27, 0, 32, 0, 0, ZoneOffset.ofHours(-7)),
                                "c", OffsetDateTime.of(1979, 5, 27, 0, 32, 0, 999_999_000, ZoneOffset.ofHoursMinutes(5, 30)))),
                Arguments.of("a = 1979-05-27 07:32:00z\nb = 1979-05-27t07:32:00", t(
                        "a", OffsetDateTime.of(1979, 5, 27, 7, 32, 0, 0, ZoneOffset.UTC),
                        "b", LocalDateTime.of(1979, 5, 27, 7, 32, 0))),
                Arguments.of("a = 1979-05-27T00:32:00.1234567891\nb = 2024-02-29\nc = 07:32:00\nd = 00:32:00.5",
                        t("a", LocalDateTime.of(1979, 5, 27, 0, 32, 0, 123_456_789), "b", LocalDate.of(2024, 2, 29),
                                "c", LocalTime.of(7, 32), "d", LocalTime.of(0, 32, 0, 500_000_000))),
                Arguments.of("d = [1979-05-27 , 2000-01-01 12:00:00]",
                        t("d", a(LocalDate.of(1979, 5, 27), LocalDateTime.of(2000, 1, 1, 12, 0)))),
                // arrays
                Arguments.of("a = []\nb = [ 1, 2, 3, ]\nc = [\"x\", 'y', \"\"\"z\"\"\"]",
                        t("a", a(), "b", a(1L, 2L, 3L), "c", a("x", "y", "z"))),
                Arguments.of("mixed = [ [ 1, 2 ], [\"a\", 'b'], 0.1, {x = 1}, true ]",
                        t("mixed", a(a(1L, 2L), a("a", "b"), 0.1, t("x", 1L), true))),
                Arguments.of("a = [\n  1, # one\n  # nothing\n  2\n  ,\n]", t("a", a(1L, 2L))),
                // inline tables
                Arguments.of("name = { first = \"Tom\", last = \"Preston-Werner\" }\nempty = {}",
                        t("name", t("first", "Tom", "last", "Preston-Werner"), "empty", t())),
                Arguments.of("animal = { type.name = \"pug\", type.size = 's' }",
                        t("animal", t("type", t("name", "pug", "size", "s")))),
                Arguments.of("points = [ { x = 1, y = 2 }, { x = 7, y = 8, z = { w = [] } } ]",
                        t("points", a(t("x", 1L, "y", 2L), t("x", 7L, "y", 8L, "z", t("w", a()))))),
                // tables
                Arguments.of("[table]\n[ dog . \"tater.man\" ]\ntype.name = \"pug\"",
                        t("table", t(), "dog", t("tater.man", t("type", t("name", "pug"))))),
                Arguments.of("[x.y.z.w]\n[x]\na = 1", t("x", t("y", t("z", t("w", t())), "a", 1L))),
                Arguments.of("[fruit]\napple.color = \"red\"\napple.taste.sweet = true\n[fruit.apple.texture]\nsmooth = true",
                        t("fruit", t("apple", t("color", "red", "taste", t("sweet", true), "texture", t("smooth", true))))),
                Arguments.of("a.b = 1\n[c]\nd = 2", t("a", t("b", 1L), "c", t("d", 2L))),
                Arguments.of("[a.b.c]\n[a]\nb.d = 1", t("a", t("b", t("c", t(), "d", 1L)))),
                // arrays of tables
                Arguments.of("[[p]]\nname = \"a\"\n[[p]]\n[[p]]\nname = \"c\"",
                        t("p", a(t("name", "a"), t(), t("name", "c")))),
                Arguments.of("""
                        [[fruits]]
                        name = "apple"
                        [fruits.physical]
                        color = "red"
                        [[fruits.varieties]]
                        name = "red delicious"
                        [[fruits.varieties]]
                        name = "granny smith"
                        [[fruits]]
                        name = "banana"
                        [fruits.physical]
                        color = "yellow"
                        """, t("fruits", a(
                        t("name", "apple", "physical", t("color", "red"),
                                "varieties", a(t("name", "red delicious"), t("name", "granny smith"))),
                        t("name", "banana", "physical", t("color", "yellow"))))));
    }

    @ParameterizedTest
    @MethodSource("documents")
    void readsEachFeatureOfTheSpecification(String text, Map<String, Object> expected) {
        assertEquals(expected, Toml.parse(text));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                // keys and structure
                Arguments.of("= 1", "expected a key (letters, digits, '-', '_' or a quoted string), found '=' at line 1, column 1"),
                Arguments.of("a = 1\nb", "expected '=' after the key, found the end of the text at line 2, column 2"),
                Arguments.of("a b = 1", "expected '=' after the key, found 'b' at line 1, column 3"),
                Arguments.of("a = 1 b = 2", "expected the end of the line after a key/value pair, found 'b' at line 1, column 7"),
                Arguments.of("a =\nb = 1", "expected a value, found the end of the line at line 1, column 4"),
                Arguments.of("a = # no value", "expected a value, found '#' at line 1, column 5"),
                Arguments.of("a.\"\"\"b\"\"\" = 1", "a key cannot be a multi-line string at line 1, column 3"),
                Arguments.of("a = 1\n# bell \u0007", "control character U+0007 in a comment at line 2, column 8"),
                Arguments.of("a = 1\rb = 2", "expected the end of the line after a key/value pair, found U+000D at line 1, column 6"),
                Arguments.of("\ufeffa = 1", "expected a key (letters, digits, '-', '_' or a quoted string), found '\ufeff' at line 1, column 1"),
                // strings
                Arguments.of("s = \"abc", "unterminated string at line 1, column 5"),
                Arguments.of("s = \"abc\ndef\"", "a single-line string ends before the end of the line (use \"\"\" for a multi-line string) at line 1, column 9"),
                Arguments.of("s = 'abc", "unterminated literal string at line 1, column 5"),
                Arguments.of("s = \"\"\"abc\"\"", "unterminated multi-line string at line 1, column 5"),
                Arguments.of("s = '''abc", "unterminated multi-line literal string at line 1, column 5"),
                Arguments.of("s = \"a\\qb\"", "unknown escape '\\q' (TOML has \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX) at line 1, column 7"),
                Arguments.of("s = \"\\x41\"", "unknown escape '\\x' (TOML has \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX) at line 1, column 6"),
                Arguments.of("s = \"\\u00g9\"", "expected 4 hexadecimal digits after \\u at line 1, column 6"),
                Arguments.of("s = \"\\uD800\"", "\\uD800 is not a Unicode scalar value at line 1, column 6"),
                Arguments.of("s = \"\\U00110000\"", "\\U00110000 is not a Unicode scalar value at line 1, column 6"),
                Arguments.of("s = \"a\u0000b\"", "control character U+0000 in a string (write it as an escape) at line 1, column 7"),
                Arguments.of("s = 'a\u007fb'", "control character U+007F in a literal string at line 1, column 7"),
                Arguments.of("s = \"\"\"a\rb\"\"\"", "control character U+000D in a string (write it as an escape) at line 1, column 9"),
                Arguments.of("s = \"\"\"a\"\"\"\"\"\"", "three quotes in a row end a multi-line string; escape one as \\\" at line 1, column 14"),
                Arguments.of("s = \"\"\"a\\ b\"\"\"", "unknown escape '\\ ' (TOML has \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX) at line 1, column 9"),
                // integers
                Arguments.of("n = 012", "a number cannot start with a zero (leading zeros are not allowed) at line 1, column 5"),
                Arguments.of("n = -01", "a number cannot start with a zero (leading zeros are not allowed) at line 1, column 6"),
                Arguments.of("n = 1__000", "an underscore in a number must stand between two digits at line 1, column 6"),
                Arguments.of("n = 1_", "an underscore in a number must stand between two digits at line 1, column 6"),
                Arguments.of("n = _1", "expected a value (a quoted string, number, boolean, date, array or inline table), found '_1' at line 1, column 5"),
                Arguments.of("n = +0x1F", "unexpected 'x' in a number at line 1, column 7"),
                Arguments.of("n = 0X1F", "unexpected 'X' in a number at line 1, column 6"),
                Arguments.of("n = 0xG", "expected a base-16 digit in '0xG' at line 1, column 7"),
                Arguments.of("n = 0o8", "expected a base-8 digit in '0o8' at line 1, column 7"),
                Arguments.of("n = 0b102", "unexpected '2' in a base-2 integer at line 1, column 9"),
                Arguments.of("n = 9223372036854775808", "integer 9223372036854775808 does not fit in 64 bits (TOML integers are signed 64-bit) at line 1, column 5"),
                Arguments.of("n = 0x8000000000000000", "integer 0x8000000000000000 does not fit in 64 bits (TOML integers are signed 64-bit) at line 1, column 5"),
                // floats
                Arguments.of("f = 1.", "expected a digit in '1.' at line 1, column 7"),
                Arguments.of("f = .5", "expected a value (a quoted string, number, boolean, date, array or inline table), found '.5' at line 1, column 5"),
                Arguments.of("f = 1.e5", "expected a digit in '1.e5' at line 1, column 7"),
                Arguments.of("f = 1e", "expected a digit in '1e' at line 1, column 7"),
                Arguments.of("f = 1_.5", "an underscore in a number must stand between two digits at line 1, column 6"),
                Arguments.of("f = 03.14", "a number cannot start with a zero (leading zeros are not allowed) at line 1, column 5"),
                Arguments.of("f = infinity", "expected a value (a quoted string, number, boolean, date, array or inline table), found 'infinity' at line 1, column 5"),
                Arguments.of("f = NaN", "expected a value (a quoted string, number, boolean, date, array or inline table), found 'NaN' at line 1, column 5"),
                // booleans
                Arguments.of("b = True", "expected a value (a quoted string, number, boolean, date, array or inline table), found 'True' at line 1, column 5"),
                Arguments.of("b = truee", "expected a value (a quoted string, number, boolean, date, array or inline table), found 'truee' at line 1, column 5"),
                // dates and times
                Arguments.of("d = 1979-13-27", "month 13 is not 01 to 12 at line 1, column 10"),
                Arguments.of("d = 2023-02-29", "day 29 is not in 2023-02 at line 1, column 13"),
                Arguments.of("d = 1979-5-27", "expected a two-digit month at line 1, column 10"),
                Arguments.of("d = 1979-05-27T07:32", "expected ':' in a date or time at line 1, column 21"),
                Arguments.of("d = 07:32", "expected ':' in a date or time at line 1, column 10"),
                Arguments.of("d = 24:00:00", "time 24:00:00 is out of range at line 1, column 5"),
                Arguments.of("d = 23:59:60", "time 23:59:60 is out of range (a leap second cannot be represented) at line 1, column 5"),
                Arguments.of("d = 07:32:00.", "expected a digit after the decimal point of the seconds at line 1, column 14"),
                Arguments.of("d = 1979-05-27X07:32:00", "expected 'T' or a space between the date and the time, found 'X' at line 1, column 15"),
                Arguments.of("d = 1979-05-27T07:32:00+7:00", "expected 'Z' or an offset like +01:00 after the time, found '+7:00' at line 1, column 24"),
                Arguments.of("d = 1979-05-27T07:32:00+24:00", "offset +24:00 is out of range at line 1, column 24"),
                Arguments.of("d = 1979-05-27 07:32", "expected ':' in a date or time at line 1, column 21"),
                // arrays
                Arguments.of("a = [1 2]", "expected ',' or ']' in an array, found '2' at line 1, column 8"),
                Arguments.of("a = [,]", "expected a value, found ',' at line 1, column 6"),
                Arguments.of("a = [1,,2]", "expected a value, found ',' at line 1, column 8"),
                Arguments.of("a = [1,\n", "expected a value, found the end of the text at line 2, column 1"),
                // inline tables
                Arguments.of("t = {a = 1,}", "an inline table cannot end with a comma at line 1, column 12"),
                Arguments.of("t = {a = 1\n}", "expected ',' or '}' in an inline table, found the end of the line (an inline table stays on one line) at line 1, column 11"),
                Arguments.of("t = {a = 1, a = 2}", "key 't.a' is defined twice at line 1, column 13"),
                Arguments.of("t = {a = {b = 1}, a.c = 2}", "the inline table 't.a' cannot be extended; write its keys within its braces at line 1, column 19"),
                Arguments.of("t = {a.b = 1}\nt.a.c = 2", "the inline table 't' cannot be extended; write its keys within its braces at line 2, column 1"),
                Arguments.of("t = {}\n[t.u]", "'t' is already a table (inline), which a table header cannot extend at line 2, column 2"),
                Arguments.of("t = {}\n[t]", "table 't' is defined twice at line 2, column 2"),
                // headers and redefinition
                Arguments.of("[a", "expected ']' to close the table header, found the end of the text at line 1, column 3"),
                Arguments.of("[[a]", "expected ']]' to close the array-of-tables header, found ']' at line 1, column 4"),
                Arguments.of("[a] b = 1", "expected the end of the line after a table header, found 'b' at line 1, column 5"),
                Arguments.of("[]", "expected a key (letters, digits, '-', '_' or a quoted string), found ']' at line 1, column 2"),
                Arguments.of("a = 1\na = 2", "key 'a' is defined twice at line 2, column 1"),
                Arguments.of("a = 1\na.b = 2", "'a' is already an integer, which a dotted key cannot extend at line 2, column 1"),
                Arguments.of("[a]\n[a]", "table 'a' is defined twice at line 2, column 2"),
                Arguments.of("[a]\nb = 1\n[a.b]", "'a.b' is already an integer; a table cannot be defined over it at line 3, column 4"),
                Arguments.of("[a.b]\n[a]\nb = 1", "key 'a.b' is defined twice at line 3, column 1"),
                Arguments.of("[fruit]\napple.color = 'red'\n[fruit.apple]", "table 'fruit.apple' is defined twice at line 3, column 8"),
                Arguments.of("[x.y]\n[x]\ny.z = 1", "table 'x.y' is defined by a table header; a dotted key cannot add to it from here at line 3, column 1"),
                Arguments.of("[a]\nb.c = 1\n[a.d]\n[a.b.e]\n[b]\n[a]", "table 'a' is defined twice at line 6, column 2"),
                Arguments.of("a.b = 1\n[c]\n[a]\nb = 2", "table 'a' is defined twice at line 3, column 2"),
                Arguments.of("a = [1]\n[[a]]", "'a' is a static array, which [[a]] cannot extend at line 2, column 3"),
                Arguments.of("[a]\n[[a]]", "'a' is already a table; an array of tables cannot be defined over it at line 2, column 3"),
                Arguments.of("[[a]]\n[a]", "'a' is already an array; a table cannot be defined over it at line 2, column 2"),
                Arguments.of("a = []\n[a.b]", "'a' is already an array, which a table header cannot extend at line 2, column 2"),
                Arguments.of("[[a]]\nb.c = 1\n[[a]]\nb = 1\n[a.b]", "'a.b' is already an integer; a table cannot be defined over it at line 5, column 4"),
                Arguments.of("[\"a\".\"b c\"]\nd = 1\nd = 2", "key 'a.\"b c\".d' is defined twice at line 3, column 1"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void refusesWhatIsNotTomlSayingWhatAndWhere(String text, String message) {
        Toml.TomlException e = assertThrows(Toml.TomlException.class, () -> Toml.parse(text));
        assertEquals(message, e.getMessage());
        assertEquals(e.reason() + " at line " + e.line() + ", column " + e.column(), e.getMessage());
    }

    @Test
    void refusesNestingTooDeepForTheStack() {
        String deep = "a = " + "[".repeat(100_000) + "]".repeat(100_000);
        assertTrue(assertThrows(Toml.TomlException.class, () -> Toml.parse(deep)).getMessage().startsWith("nesting"));
        String dotted = "a" + ".a".repeat(100_000) + " = 1";
        assertTrue(assertThrows(Toml.TomlException.class, () -> Toml.parse(dotted)).getMessage().startsWith("nesting"));
        String header = "[a" + ".a".repeat(100_000) + "]";
        assertTrue(assertThrows(Toml.TomlException.class, () -> Toml.parse(header)).getMessage().startsWith("nesting"));
    }

    @Test
    void keepsTheOrderOfKeysAndTables() {
        Map<String, Object> doc = Toml.parse("z = 1\na = 2\n[m]\n[b]\n[m.x]");
        assertEquals(List.of("z", "a", "m", "b"), new ArrayList<>(doc.keySet()));
    }

    @Test
    void returnsUnmodifiableValues() {
        Map<String, Object> doc = Toml.parse("a = [1]\n[t]\nb = {c = 1}\n[[p]]");
        assertThrows(UnsupportedOperationException.class, () -> doc.put("x", 1L));
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) doc.get("a")).clear());
        assertThrows(UnsupportedOperationException.class, () -> ((Map<?, ?>) doc.get("t")).clear());
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) doc.get("p")).clear());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void namesTheKindOfEachValueForMessages(String value, String kind) {
        assertEquals(kind, Toml.kind(Toml.parse("v = " + value).get("v")));
    }

    static Stream<Arguments> kinds() {
        return Stream.of(Arguments.of("'x'", "a string"), Arguments.of("1", "an integer"), Arguments.of("1.5", "a float"),
                Arguments.of("true", "a boolean"), Arguments.of("[]", "an array"), Arguments.of("{}", "a table"),
                Arguments.of("2025-01-01T00:00:00Z", "a date-time"), Arguments.of("2025-01-01T00:00:00", "a local date-time"),
                Arguments.of("2025-01-01", "a local date"), Arguments.of("00:00:00", "a local time"));
    }

    /** Seeded random documents read alike by this reader and by Jackson's TomlMapper. */
    @Test
    void readsRandomDocumentsAsJacksonDoes() throws Exception {
        TomlMapper jackson = TomlMapper.builder().enable(TomlReadFeature.PARSE_JAVA_TIME).build();
        Random random = new Random(20261122);
        for (int i = 0; i < 1500; i++) {
            String doc = new RandomToml(random).document();
            Object expected = plain(jackson.readTree(doc));
            assertEquals(expected, Toml.parse(doc), doc);
        }
    }

    /** Jackson's tree as this reader's values; its integers may be Integer or BigInteger, so all become Long. */
    private static Object plain(JsonNode n) {
        if (n.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            n.properties().forEach(e -> out.put(e.getKey(), plain(e.getValue())));
            return out;
        }
        if (n.isArray()) {
            List<Object> out = new ArrayList<>();
            n.forEach(x -> out.add(plain(x)));
            return out;
        }
        if (n instanceof POJONode pojo) {
            return pojo.getPojo();
        }
        if (n.isTextual()) {
            return n.asText();
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        return n.asDouble();
    }
}
