package io.smolsnake.embedded.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;

/** One state of a definition; each kind is a record holding its fields as parsed and validated. */
sealed interface State {
    String name();

    /** {@code Pass}, {@code Task}, …: the prefix of its history events. */
    String type();

    /** The state's Next/End, or null for Choice, Succeed and Fail. */
    static Transition transitionOf(State s) {
        if (s instanceof Pass p) {
            return p.transition();
        } else if (s instanceof Task t) {
            return t.transition();
        } else if (s instanceof Wait w) {
            return w.transition();
        } else if (s instanceof Parallel p) {
            return p.transition();
        } else if (s instanceof Map m) {
            return m.transition();
        }
        return null;
    }

    /** Result processing of Task, Parallel and Map; null for the other kinds. */
    static Results resultsOf(State s) {
        if (s instanceof Task t) {
            return t.results();
        } else if (s instanceof Parallel p) {
            return p.results();
        } else if (s instanceof Map m) {
            return m.results();
        }
        return null;
    }

    /** InputPath, OutputPath and Next/End, common to all kinds that have them. */
    record Io(Path inputPath, Path outputPath) {}

    /** A JSONPath field: absent (default {@code $}), explicitly null, or a path. */
    record Path(String value) {
        static final Path ROOT = new Path("$");
        static final Path NULL = new Path(null);

        boolean isNull() {
            return value == null;
        }
    }

    /** The transition after a state: a next state, or the end of its branch. */
    record Transition(String next) {
        boolean isEnd() {
            return next == null;
        }
    }

    record Retrier(List<String> errorEquals, long intervalSeconds, long maxAttempts, double backoffRate,
                   Long maxDelaySeconds, boolean fullJitter) {}

    record Catcher(List<String> errorEquals, String next, Path resultPath) {}

    /** Result processing shared by Task, Map and Parallel. */
    record Results(JsonNode resultSelector, Path resultPath, List<Retrier> retry, List<Catcher> catches) {}

    record Pass(String name, Io io, JsonNode parameters, JsonNode result, Path resultPath, Transition transition)
            implements State {
        public String type() {
            return "Pass";
        }
    }

    record Task(String name, Io io, String resource, JsonNode parameters, Results results,
                Long timeoutSeconds, String timeoutSecondsPath, Long heartbeatSeconds, String heartbeatSecondsPath,
                Transition transition) implements State {
        public String type() {
            return "Task";
        }
    }

    record Choice(String name, Io io, List<Rule> choices, String defaultNext) implements State {
        public String type() {
            return "Choice";
        }
    }

    record Wait(String name, Io io, Long seconds, String secondsPath, String timestamp, String timestampPath,
                Transition transition) implements State {
        public String type() {
            return "Wait";
        }
    }

    record Succeed(String name, Io io) implements State {
        public String type() {
            return "Succeed";
        }
    }

    record Fail(String name, String error, String errorPath, String cause, String causePath) implements State {
        public String type() {
            return "Fail";
        }
    }

    record Parallel(String name, Io io, JsonNode parameters, List<Branch> branches, Results results,
                    Transition transition) implements State {
        public String type() {
            return "Parallel";
        }
    }

    record Map(String name, Io io, String itemsPath, JsonNode itemSelector, Branch processor, Long maxConcurrency,
               String maxConcurrencyPath, Long toleratedFailureCount, BigDecimal toleratedFailurePercentage,
               Results results, Transition transition) implements State {
        public String type() {
            return "Map";
        }
    }

    /** A state machine inside a Parallel branch or a Map's ItemProcessor (and the top level). */
    record Branch(String startAt, java.util.Map<String, State> states) {}

    /** A choice rule: a condition and the state to go to when it holds. */
    record Rule(Condition condition, String next) {}
}
