package io.smolsnake.embedded.sfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntrinsicsTest {
    private static final String INPUT = """
            {"name": "numpy", "version": "2.3.1", "wheels": ["a.whl", "b.whl", "c.whl"], "n": 2,
             "meta": {"size": 10}}""";
    private static final String CONTEXT = "{\"Execution\": {\"Name\": \"run-1\"}}";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        States.Format('{}=={}', $.name, $.version)                                   | "numpy==2.3.1"
        States.Format('literal \\{\\} and {}', $.meta)                                  | "literal {} and {size=10}"
        States.Format('it\\'s {}, a backslash \\\\ and {}', $$.Execution.Name, 1) | "it's run-1, a backslash \\\\ and 1"
        States.StringSplit('a\\\\,b,c', ',')                                          | ["a\\\\", "b", "c"]
        States.ArrayGetItem(States.StringSplit($.version, '.'), States.MathAdd($.n, -1)) | "3"
        States.ArrayPartition($.wheels, 2)                                            | [["a.whl","b.whl"],["c.whl"]]
        States.ArrayRange(1, 9, 4)                                                    | [1,5,9]
        States.ArrayContains($.wheels, 'b.whl')                                       | true
        States.ArrayLength(States.ArrayUnique(States.Array(1, 1, 'x', 'x', null)))    | 3
        States.JsonToString($.meta)                                                   | "{\\"size\\":10}"
        States.StringToJson('{"a": [1]}')                                             | {"a":[1]}
        States.JsonMerge($.meta, States.StringToJson('{"size": 11, "new": true}'), false) | {"size":11,"new":true}
        States.Base64Decode(States.Base64Encode($.name))                              | "numpy"
        States.Hash($.name, 'SHA-256')                                                | "73dd0baf8e5438da8816254a073ee43b61f8b2cdef6f393e0059cdbc55cb8d9c"
        States.MathAdd(1.5, 2)                                                        | 4
        """)
    void evaluatesCall(String call, String expected) throws Exception {
        JsonNode result = Intrinsics.evaluate(Intrinsic.parse(call), Json.parse(INPUT), Json.parse(CONTEXT));
        assertEquals(Json.parse(expected), result);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        States.Format('x'                    | missing ')' at column 18 of 'States.Format('x''
        States.Format('x)                    | unterminated string at column 15 of 'States.Format('x)'
        Format('x')                          | expected a function name like States.Format at column 1 of 'Format('x')'
        States.Array(1 2)                    | expected ',' or ')' at column 16 of 'States.Array(1 2)'
        States.Array(nope)                   | unexpected argument 'nope' at column 14 of 'States.Array(nope)'
        States.Array(1) trailing             | unexpected 't' after the call at column 17 of 'States.Array(1) trailing'
        """)
    void rejectsMalformedCallNamingTheColumn(String call, String message) {
        Intrinsic.SyntaxError e = assertThrows(Intrinsic.SyntaxError.class, () -> Intrinsic.parse(call));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        States.ArrayGetItem($.wheels, 3)    | States.ArrayGetItem: index 3 is out of bounds for an array of 3
        States.Hash($.name, 'CRC32')        | States.Hash: unsupported algorithm 'CRC32' (one of MD5, SHA-1, SHA-256, SHA-384, SHA-512)
        States.Format('{} {}', $.name)      | States.Format: the template has more {} than arguments
        States.ArrayLength($.name)          | States.ArrayLength: argument 1 must be an array, got "numpy"
        """)
    void failsWithIntrinsicFailure(String call, String cause) throws Exception {
        Intrinsic.Call parsed = Intrinsic.parse(call);
        StatesFailure failure = assertThrows(StatesFailure.class,
                () -> Intrinsics.evaluate(parsed, Json.parse(INPUT), Json.parse(CONTEXT)));
        assertEquals("States.IntrinsicFailure", failure.error());
        assertEquals(cause, failure.cause());
    }
}
