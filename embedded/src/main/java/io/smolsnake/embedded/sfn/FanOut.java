package io.smolsnake.embedded.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Map and Parallel states: run child branches, at most MaxConcurrency at a time, and join them. */
final class FanOut {
    private final Interpreter interpreter;
    private final Executor executor;

    FanOut(Interpreter interpreter, Executor executor) {
        this.interpreter = interpreter;
        this.executor = executor;
    }

    /** What one child runs and which events frame it. */
    private interface Child {
        JsonNode run(int index, Interpreter.Frame frame);
    }

    private interface Events {
        void started(int index, Interpreter.Frame frame);

        void succeeded(int index, Interpreter.Frame frame);

        void failed(int index, Interpreter.Frame frame);

        void aborted(int index, Interpreter.Frame frame);
    }

    Interpreter.Step map(State.Map map, Interpreter.StateRun run) {
        JsonNode effective = interpreter.inputPath(map.io(), run.input, run);
        JsonNode context = run.context(null);
        JsonNode items = effective;
        if (map.itemsPath() != null) {
            try {
                items = JsonPaths.read(map.itemsPath(), effective, context);
            } catch (JsonPaths.NoMatch e) {
                throw StatesFailure.runtime(e.getMessage());
            }
        }
        if (!items.isArray()) {
            throw StatesFailure.runtime("Item path " + (map.itemsPath() == null ? "$" : map.itemsPath())
                    + " in Map state " + map.name() + " did not resolve to a JSONArray: " + Json.text(items));
        }
        int maxConcurrency = map.maxConcurrency() == null ? 0 : (int) Math.min(Integer.MAX_VALUE, map.maxConcurrency());
        if (map.maxConcurrencyPath() != null) {
            JsonNode value;
            try {
                value = JsonPaths.read(map.maxConcurrencyPath(), effective, context);
            } catch (JsonPaths.NoMatch e) {
                throw StatesFailure.runtime(e.getMessage());
            }
            if (!Json.isIntegral(value) || value.longValue() < 0 || value.longValue() > Integer.MAX_VALUE) {
                throw StatesFailure.runtime("The MaxConcurrencyPath field refers to value \""
                        + (value.isTextual() ? value.textValue() : Json.text(value)) + "\" which is not a valid integer: "
                        + map.maxConcurrencyPath());
            }
            maxConcurrency = value.intValue();
        }
        ArrayNode array = (ArrayNode) items;
        List<JsonNode> inputs = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            inputs.add(map.itemSelector() == null ? item
                    : PayloadTemplate.evaluate(map.itemSelector(), effective, run.mapItemContext(i, item)));
        }
        int limit = maxConcurrency;
        Events events = new Events() {
            public void started(int index, Interpreter.Frame frame) {
                iteration("MapIterationStarted", map.name(), index, frame);
            }

            public void succeeded(int index, Interpreter.Frame frame) {
                iteration("MapIterationSucceeded", map.name(), index, frame);
            }

            public void failed(int index, Interpreter.Frame frame) {
                iteration("MapIterationFailed", map.name(), index, frame);
            }

            public void aborted(int index, Interpreter.Frame frame) {
                iteration("MapIterationAborted", map.name(), index, frame);
            }
        };
        boolean[] resume = {run.resumed};
        run.resumed = false;
        return interpreter.withRetryAndCatch(map.results(), run, () -> {
            boolean resuming = fresh(resume, run, map.name());
            ObjectNode started = Json.object();
            started.put("length", inputs.size());
            interpreter.event(run.frame, "MapStateStarted", started);
            JsonNode result = join(inputs.size(), limit, run.frame, events,
                    (i, frame) -> interpreter.runBranch(map.processor(), inputs.get(i), frame),
                    tolerance(map, inputs.size()), map.name(), resuming);
            interpreter.event(run.frame, "MapStateSucceeded", null);
            return result;
        }, map.transition(), map.io(), () -> interpreter.event(run.frame, "MapStateFailed", null));
    }

    Interpreter.Step parallel(State.Parallel parallel, Interpreter.StateRun run) {
        JsonNode effective = interpreter.inputPath(parallel.io(), run.input, run);
        JsonNode input = parallel.parameters() == null ? effective
                : PayloadTemplate.evaluate(parallel.parameters(), effective, run.context(null));
        Events quiet = new Events() {
            public void started(int index, Interpreter.Frame frame) {}

            public void succeeded(int index, Interpreter.Frame frame) {}

            public void failed(int index, Interpreter.Frame frame) {}

            public void aborted(int index, Interpreter.Frame frame) {}
        };
        boolean[] resume = {run.resumed};
        run.resumed = false;
        return interpreter.withRetryAndCatch(parallel.results(), run, () -> {
            boolean resuming = fresh(resume, run, parallel.name());
            interpreter.event(run.frame, "ParallelStateStarted", null);
            return join(parallel.branches().size(), 0, run.frame, quiet,
                    (i, frame) -> interpreter.runBranch(parallel.branches().get(i), input, frame), 0,
                    parallel.name(), resuming);
        }, parallel.transition(), parallel.io(), () -> interpreter.event(run.frame, "ParallelStateFailed", null));
    }

    /**
     * Whether this attempt carries on from saved progress (the first attempt of a resumed state);
     * otherwise the progress of earlier visits and attempts is forgotten.
     */
    private boolean fresh(boolean[] resume, Interpreter.StateRun run, String name) {
        if (resume[0]) {
            resume[0] = false;
            return true;
        }
        for (String prefix : Progress.childPrefixes(run.frame.path, name)) {
            interpreter.execution().clearProgress(prefix);
        }
        return false;
    }

    /** How many failed iterations a Map tolerates before it fails. */
    private static int tolerance(State.Map map, int size) {
        long count = map.toleratedFailureCount() == null ? 0 : map.toleratedFailureCount();
        if (map.toleratedFailurePercentage() != null) {
            long byPercentage = (long) Math.floor(map.toleratedFailurePercentage().doubleValue() * size / 100.0);
            count = Math.max(count, byPercentage);
        }
        return (int) Math.min(Integer.MAX_VALUE, count);
    }

    private void iteration(String type, String name, int index, Interpreter.Frame frame) {
        ObjectNode details = Json.object();
        details.put("name", name);
        details.put("index", index);
        interpreter.event(frame, type, details);
    }

    private JsonNode join(int count, int maxConcurrency, Interpreter.Frame parent, Events events, Child child,
                          int tolerated, String name, boolean resume) {
        CompletableFuture<Void> abort = new CompletableFuture<>();
        parent.abort.thenRun(() -> abort.complete(null));
        Semaphore permits = new Semaphore(maxConcurrency <= 0 ? Integer.MAX_VALUE : maxConcurrency);
        AtomicReference<RuntimeException> firstFailure = new AtomicReference<>();
        AtomicInteger failures = new AtomicInteger();
        JsonNode[] results = new JsonNode[count];
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int i = 0; i < count && !abort.isDone(); i++) {
            String path = Progress.childPath(parent.path, name, i);
            if (resume) {
                // an iteration or branch that succeeded before keeps its result and runs no more
                Progress.Position saved = Progress.position(
                        interpreter.execution().progress(Progress.branchKey(path)));
                if (saved != null && saved.done()) {
                    results[i] = saved.data();
                    continue;
                }
            }
            try {
                permits.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abort.complete(null);
                break;
            }
            if (abort.isDone()) {
                permits.release();
                break;
            }
            int index = i;
            Interpreter.Frame frame = new Interpreter.Frame(abort, true, parent.lastEventId, path, resume);
            CompletableFuture<Void> done = new CompletableFuture<>();
            running.add(done);
            executor.execute(() -> {
                try {
                    events.started(index, frame);
                    results[index] = child.run(index, frame);
                    events.succeeded(index, frame);
                } catch (StatesFailure failure) {
                    events.failed(index, frame);
                    results[index] = Json.NODES.nullNode();
                    if (failures.incrementAndGet() > tolerated) {
                        firstFailure.compareAndSet(null, failure);
                        abort.complete(null);
                    }
                } catch (Interpreter.Aborted aborted) {
                    events.aborted(index, frame);
                } catch (RuntimeException e) {
                    firstFailure.compareAndSet(null, e);
                    abort.complete(null);
                } finally {
                    permits.release();
                    done.complete(null);
                }
            });
        }
        CompletableFuture.allOf(running.toArray(new CompletableFuture<?>[0])).join();
        RuntimeException failure = firstFailure.get();
        if (failure == null && failures.get() > tolerated) {
            failure = new StatesFailure("States.ExceedToleratedFailureThreshold",
                    "The specified tolerated failure threshold was exceeded");
        }
        if (failure != null) {
            if (failure instanceof StatesFailure && tolerated > 0) {
                throw new StatesFailure("States.ExceedToleratedFailureThreshold",
                        "The specified tolerated failure threshold was exceeded");
            }
            throw failure;
        }
        if (parent.abort.isDone()) {
            throw new Interpreter.Aborted();
        }
        ArrayNode out = Json.NODES.arrayNode();
        for (JsonNode r : results) {
            out.add(r == null ? Json.NODES.nullNode() : r);
        }
        return out;
    }
}
