package io.smolsnake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DidYouMeanTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            deploy   | deploy  | 0
            deplyo   | deploy  | 1
            deplo    | deploy  | 1
            deployy  | deploy  | 1
            replay   | deploy  | 2
            deplyo   | replay  | 3
            ''       | lock    | 4
            """)
    void countsEditsWithASwapOfNeighboursAsOne(String a, String b, int distance) {
        assertEquals(distance, DidYouMean.distance(a, b));
        assertEquals(distance, DidYouMean.distance(b, a));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            --outptu      | --output
            -output       | --output
            --outpt       | --output
            --ouput       | --output
            --inptu       | --input
            --inpuut      | --input, --inputs
            --zzz         | ''
            -x            | ''
            --o           | -o
            -p            | ''
            """)
    void suggestsNamesWithinAThirdOfTheTypedLengthClosestFirst(String typed, String expected) {
        List<String> names = List.of("--inputs", "--input", "--output", "-o", "--pre");

        assertEquals(expected, String.join(", ", DidYouMean.among(typed, names)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            a        | a
            a,b      | a or b
            a,b,c    | a, b or c
            """)
    void joinsSuggestionsAsASentence(String names, String sentence) {
        assertEquals(sentence, DidYouMean.either(List.of(names.split(","))));
    }
}
