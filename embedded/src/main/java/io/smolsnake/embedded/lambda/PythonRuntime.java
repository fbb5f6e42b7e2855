package io.smolsnake.embedded.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs Python functions on the host's interpreter, one process per execution environment, kept
 * warm between invocations (as {@code sam local start-lambda} does, without containers).
 *
 * <p>The interpreter is the one named by the function's runtime ({@code python3.11}) when the
 * host has it on {@code PATH}, else {@code python3}, with a warning.
 *
 * <p>EFS mounts: when the host lets an unprivileged process make a user and mount namespace
 * ({@code unshare --user --map-root-user --mount}), each environment runs in its own, with a
 * tmpfs on {@code /mnt} and each host directory bind-mounted at its {@code LocalMountPath}, so
 * the function sees {@code /mnt/smolsnake/...} paths unchanged. Otherwise environment variables
 * whose value starts with a mount path are rewritten to the host directory (with a warning).
 * Values starting with {@code /var/task} always point at the task root.
 */
public final class PythonRuntime implements AutoCloseable {
    static final String LAMBDA_TASK_ROOT = "/var/task";

    private final ObjectMapper json = new ObjectMapper();
    private final Consumer<String> logSink;
    private final Consumer<String> warnings;
    private final Map<String, String> hostEnvironment;
    private final Path loopScript;
    private final boolean namespaces;
    private final Map<PythonFunction, Deque<ExecutionEnvironment>> idle = new HashMap<>();
    private final Set<ExecutionEnvironment> busy = new HashSet<>();
    private final Set<String> warned = new HashSet<>();
    private boolean closed;

    /**
     * @param workDir where the runtime keeps its loop script
     * @param hostEnvironment the variables passed through to every function unless it sets them:
     *     {@code AWS_*} credentials, region and endpoints, {@code PATH}, {@code LANG}, {@code HOME}
     * @param logSink receives every log line of every function as it is written
     * @param warnings receives one line per problem a user should know about (e.g. a missing interpreter)
     */
    public PythonRuntime(Path workDir, Map<String, String> hostEnvironment, Consumer<String> logSink,
            Consumer<String> warnings) {
        this.logSink = Objects.requireNonNull(logSink, "logSink");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        this.hostEnvironment = Map.copyOf(hostEnvironment);
        try {
            Files.createDirectories(workDir);
            this.loopScript = workDir.resolve("runtime_loop.py");
            try (InputStream in = PythonRuntime.class.getResourceAsStream("runtime_loop.py")) {
                Files.copy(Objects.requireNonNull(in, "runtime_loop.py resource"), loopScript,
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Python runtime in " + workDir, e);
        }
        this.namespaces = Probe.mountNamespaces();
    }

    /** Whether functions see their EFS mount paths unchanged (a mount namespace per environment). */
    public boolean mountsInPlace() {
        return namespaces;
    }

    /** Invokes the function in a warm environment, or a new one (whose INIT the invocation reports). */
    public Invocation invoke(PythonFunction function, String requestId, byte[] payload, String invokedArn,
            String clientContext) {
        long start = System.nanoTime();
        ExecutionEnvironment environment = take(function);
        if (environment == null) {
            try {
                environment = start(function, start);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + String.join(" ", command(function, interpreter(function)))
                        + " for function " + function.name(), e);
            }
            synchronized (this) {
                busy.add(environment);
            }
        }
        try {
            return environment.invoke(requestId, payload, invokedArn, clientContext);
        } finally {
            giveBack(environment);
        }
    }

    /** Ends every environment of the function's name that does not run exactly this function. */
    public synchronized void retire(String functionName, PythonFunction keep) {
        idle.entrySet().removeIf(e -> {
            if (e.getKey().name().equals(functionName) && !e.getKey().equals(keep)) {
                e.getValue().forEach(ExecutionEnvironment::close);
                return true;
            }
            return false;
        });
    }

    private synchronized ExecutionEnvironment take(PythonFunction function) {
        Deque<ExecutionEnvironment> pool = idle.get(function);
        while (pool != null && !pool.isEmpty()) {
            ExecutionEnvironment environment = pool.pop();
            if (environment.alive()) {
                busy.add(environment);
                return environment;
            }
        }
        return null;
    }

    private synchronized void giveBack(ExecutionEnvironment environment) {
        busy.remove(environment);
        if (closed || !environment.alive()) {
            environment.close();
            return;
        }
        idle.computeIfAbsent(environment.function(), f -> new ArrayDeque<>()).push(environment);
    }

    private ExecutionEnvironment start(PythonFunction function, long startNanos) throws IOException {
        String interpreter = interpreter(function);
        return new ExecutionEnvironment(json, function, command(function, interpreter), environment(function),
                line -> logSink.accept(function.name() + " | " + line), startNanos);
    }

    String interpreter(PythonFunction function) {
        String wanted = function.runtime();
        if (wanted.matches("python3\\.\\d+") && Probe.onPath(wanted, hostEnvironment.get("PATH"))) {
            return wanted;
        }
        warnOnce("runtime " + wanted, "warning: function " + function.name() + " wants " + wanted
                + ", which this host does not have; running it with python3");
        return "python3";
    }

    List<String> command(PythonFunction function, String interpreter) {
        List<String> command = new ArrayList<>();
        if (inPlace(function)) {
            command.addAll(Probe.unshare());
            StringBuilder script = new StringBuilder("set -e; mount -t tmpfs smolsnake /mnt");
            List<String> args = new ArrayList<>();
            int n = 0;
            for (Map.Entry<String, Path> mount : new java.util.TreeMap<>(function.mounts()).entrySet()) {
                script.append("; mkdir -p \"$").append(n + 1).append("\"; mount --bind \"$").append(n + 2)
                        .append("\" \"$").append(n + 1).append('"');
                args.add(mount.getKey());
                args.add(mount.getValue().toAbsolutePath().toString());
                n += 2;
            }
            script.append("; shift ").append(n).append("; exec \"$@\"");
            command.addAll(List.of("sh", "-c", script.toString(), "sh"));
            command.addAll(args);
        }
        String wrapper = environment(function).get("AWS_LAMBDA_EXEC_WRAPPER");
        if (wrapper != null && !wrapper.isEmpty()) {
            command.add(wrapper);
        }
        command.add(interpreter);
        command.add(loopScript.toAbsolutePath().toString());
        return command;
    }

    Map<String, String> environment(PythonFunction function) {
        Map<String, String> env = new LinkedHashMap<>();
        hostEnvironment.forEach((k, v) -> {
            if (k.startsWith("AWS_") || k.equals("PATH") || k.equals("LANG") || k.equals("HOME")) {
                env.put(k, v);
            }
        });
        env.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.putIfAbsent("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.putIfAbsent("AWS_REGION", "us-east-1");
        env.putIfAbsent("AWS_DEFAULT_REGION", env.get("AWS_REGION"));
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime());
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", function.version());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(function.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_TIMEOUT", String.valueOf(function.timeoutSeconds()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.name());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/[" + function.version() + "]embedded");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("PYTHONUNBUFFERED", "1");
        env.putAll(function.environment());
        String taskRoot = function.taskRoot().toAbsolutePath().toString();
        env.put("_HANDLER", function.handler());
        env.put("LAMBDA_TASK_ROOT", taskRoot);
        env.put("SMOLSNAKE_EMBEDDED_PATH", String.join(java.io.File.pathSeparator,
                function.codeDirs().subList(1, function.codeDirs().size()).stream()
                        .map(p -> p.toAbsolutePath().toString()).toList()));
        boolean inPlace = inPlace(function);
        for (Map.Entry<String, String> e : env.entrySet()) {
            String value = rewrite(e.getValue(), LAMBDA_TASK_ROOT, taskRoot);
            if (!inPlace) {
                for (Map.Entry<String, Path> mount : function.mounts().entrySet()) {
                    String rewritten = rewrite(value, mount.getKey(), mount.getValue().toAbsolutePath().toString());
                    if (!rewritten.equals(value)) {
                        warnOnce("rewrite " + function.name(), "warning: no mount namespaces on this host: function "
                                + function.name() + " sees " + mount.getKey() + " as " + mount.getValue()
                                + " in its environment variables only");
                    }
                    value = rewritten;
                }
            }
            e.setValue(value);
        }
        return env;
    }

    /** A namespace shows the mounts in place, unless a host directory itself lies under the /mnt it hides. */
    private boolean inPlace(PythonFunction function) {
        return namespaces && !function.mounts().isEmpty()
                && function.mounts().values().stream().noneMatch(dir -> dir.toAbsolutePath().startsWith("/mnt"));
    }

    private static String rewrite(String value, String from, String to) {
        if (value.equals(from) || value.startsWith(from + "/")) {
            return to + value.substring(from.length());
        }
        return value;
    }

    private synchronized void warnOnce(String key, String message) {
        if (warned.add(key)) {
            warnings.accept(message);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        idle.values().forEach(pool -> pool.forEach(ExecutionEnvironment::close));
        idle.clear();
        busy.forEach(ExecutionEnvironment::close);
        busy.clear();
    }
}
