package io.smolsnake.embedded.sfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StateMachineTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
        {"StartAt":"Foo","States":{"Foo":{"Type":"Pass","Next":"Bar"}}}                          | /States/Foo/Next: state 'Bar' does not exist
        {"StartAt":"Nope","States":{"Foo":{"Type":"Pass","End":true}}}                           | /StartAt: state 'Nope' does not exist
        {"States":{"Foo":{"Type":"Pass","End":true}}}                                             | /StartAt: required
        {"StartAt":"Foo","States":{"Foo":{"Type":"Pass"}}}                                        | /States/Foo: either Next or End is required
        {"StartAt":"Foo","States":{"Foo":{"Type":"Pass","End":true,"Next":"Foo"}}}                | /States/Foo: Next and End are mutually exclusive
        {"StartAt":"Foo","States":{"Foo":{"Type":"Magic","End":true}}}                            | /States/Foo/Type: unknown state type 'Magic'
        {"StartAt":"Foo","States":{"Foo":{"Type":"Pass","InputPath":"x.y","End":true}}}           | /States/Foo/InputPath: 'x.y' is not a valid JSONPath
        {"StartAt":"Foo","States":{"Foo":{"Type":"Pass","ResultPath":"$.a[*]","End":true}}}       | /States/Foo/ResultPath: '$.a[*]' is not a reference path
        {"StartAt":"Foo","States":{"Foo":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1,"Next":"Gone"}]}}} | /States/Foo/Choices/0/Next: state 'Gone' does not exist
        {"StartAt":"Foo","States":{"Foo":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":"1","Next":"Foo"}]}}} | /States/Foo/Choices/0/NumericEquals: "1" is not a valid operand
        {"StartAt":"Foo","States":{"Foo":{"Type":"Task","Resource":"r","Catch":[{"ErrorEquals":["States.ALL"],"Next":"Gone"}],"End":true}}} | /States/Foo/Catch/0/Next: state 'Gone' does not exist
        {"StartAt":"Foo","States":{"Foo":{"Type":"Task","Resource":"r","Retry":[{"ErrorEquals":["States.ALL"],"BackoffRate":0.5}],"End":true}}} | /States/Foo/Retry/0/BackoffRate: must be a number greater than or equal to 1.0
        {"StartAt":"Foo","States":{"Foo":{"Type":"Task","Resource":"r","TimeoutSeconds":5,"HeartbeatSeconds":5,"End":true}}} | /States/Foo/HeartbeatSeconds: must be smaller than TimeoutSeconds
        {"StartAt":"Foo","States":{"Foo":{"Type":"Pass","Parameters":{"x.$":"States.Format('{}', $.a"},"End":true}}} | /States/Foo/Parameters/x.$: invalid intrinsic function call: missing ')' at column 24 of 'States.Format('{}', $.a'
        {"StartAt":"Foo","States":{"Foo":{"Type":"Pass","Parameters":{"x.$":"States.Nope()"},"End":true}}} | /States/Foo/Parameters/x.$: unknown intrinsic function States.Nope
        {"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"In","States":{"In":{"Type":"Pass","Next":"Out"}}},"End":true}}} | /States/M/ItemProcessor/States/In/Next: state 'Out' does not exist
        {"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"A","States":{"A":{"Type":"Wait","End":true}}}],"End":true}}} | /States/P/Branches/0/States/A: exactly one of Seconds, SecondsPath, Timestamp, TimestampPath is required
        {"StartAt":"W","States":{"W":{"Type":"Wait","Timestamp":"2016-03-14 01:59:00Z","End":true}}} | /States/W/Timestamp: '2016-03-14 01:59:00Z' is not an RFC 3339 timestamp
        """)
    void rejectsDefinitionNamingWhereItIsWrong(String definition, String problem) {
        DefinitionException e = assertThrows(DefinitionException.class, () -> StateMachine.parse(definition));
        assertEquals(List.of(problem), e.problems());
        assertEquals("Invalid State Machine Definition: " + problem, e.getMessage());
    }

    @Test
    void reportsEveryProblemAtOnce() {
        DefinitionException e = assertThrows(DefinitionException.class, () -> StateMachine.parse("""
                {"StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Next": "B"},
                  "C": {"Type": "Succeed", "OutputPath": "nope"}}}"""));
        assertEquals("""
                Invalid State Machine Definition: 2 problems:
                  /States/C/OutputPath: 'nope' is not a valid JSONPath
                  /States/A/Next: state 'B' does not exist""", e.getMessage());
    }

    @Test
    void rejectsTextThatIsNotJson() {
        DefinitionException e = assertThrows(DefinitionException.class, () -> StateMachine.parse("{\"StartAt\": "));
        assertEquals(1, e.problems().size());
        assertEquals("/: not JSON", e.problems().get(0).substring(0, "/: not JSON".length()));
    }

    @Test
    void rejectsDistributedMapAsOutOfScope() {
        DefinitionException e = assertThrows(DefinitionException.class, () -> StateMachine.parse("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ItemProcessor": {
                  "ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "P",
                  "States": {"P": {"Type": "Pass", "End": true}}}}}}"""));
        assertEquals(List.of("/States/M/ItemProcessor/ProcessorConfig/Mode: DISTRIBUTED is not supported by the"
                + " embedded engine (inline Map only)"), e.problems());
    }

    @Test
    void acceptsAValidDefinition() {
        StateMachine machine = StateMachine.parse("""
                {"StartAt": "A", "TimeoutSeconds": 30, "States": {
                  "A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}}""");
        assertEquals("A", machine.startAt());
        assertEquals(List.of("A", "B"), List.copyOf(machine.stateNames()));
        assertEquals(30L, machine.timeoutSeconds());
    }
}
