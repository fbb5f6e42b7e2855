package io.smolsnake.cli;

import io.smolsnake.core.bootstrap.Bootstrap;
import io.smolsnake.embedded.lambda.Invocation;
import io.smolsnake.embedded.lambda.PythonFunction;
import io.smolsnake.embedded.lambda.PythonRuntime;
import io.smolsnake.pypackaging.project.ProjectInputException;
import io.smolsnake.pypackaging.project.PyprojectToml;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code smolsnake invoke}: runs the project's handler once, locally, through the bootstrap on an
 * environment, with the host's Python (the interpreter of the project's runtime when the host has
 * it). The result goes to stdout, the function's logs and the {@code REPORT} line to stderr.
 */
final class InvokeCommand implements Command {
    static final Param<Path> PROJECT_DIR = Param.positional("PROJECT_DIR",
            "The project: its source is the function's task root (default: .).").paths().withDefault(".");
    static final Param<String> EVENT = Param.option("--event", "FILE", "The event (JSON); default {}. - reads stdin.");
    static final Param<Path> ENV = Param.option("--env", "DIR",
            "The environment directory (site-packages/, paths.txt) the function runs on.",
            "Default: lock the project if needed and install it into the store under $SMOLSNAKE_HOME.").paths();
    static final Param<String> HANDLER = Param.option("--handler", "MODULE.FUNC",
            "Overrides [tool.smolsnake].handler.");
    static final Param<String> PATH_MODE = Param.option("--path-mode", "MODE",
            "env (one sys.path entry) or per-package (one per line of paths.txt).")
            .choices("env", "per-package").withDefault("env");
    static final Param<Integer> TIMEOUT = Param.option("--timeout", "SECONDS", "Default: 300.").ints()
            .withDefault("300");
    static final CommandSpec SPEC = CommandSpec.of("invoke",
            List.of("Run the function locally on its environment, through the smolsnake bootstrap.",
                    "The handler is [tool.smolsnake].handler in pyproject.toml (or --handler)."),
            List.of("0:the function answered", "1:the function failed (its error document is printed)",
                    "2:bad input"),
            PROJECT_DIR, EVENT, ENV, HANDLER, PATH_MODE, TIMEOUT);

    private final Path projectDir;
    private final String event;
    private Path env;
    private String handler;
    private final String pathMode;
    private final int timeout;

    InvokeCommand(ParsedArgs args) {
        projectDir = args.get(PROJECT_DIR);
        event = args.get(EVENT);
        env = args.get(ENV);
        handler = args.get(HANDLER);
        pathMode = args.get(PATH_MODE);
        timeout = args.get(TIMEOUT);
    }

    @Override
    public int call(PrintWriter out, PrintWriter err) throws IOException {
        Path project = projectDir.toAbsolutePath().normalize();
        String runtime = "python3";
        String name = project.getFileName() == null ? "function" : project.getFileName().toString();
        Path pyproject = project.resolve("pyproject.toml");
        if (Files.isRegularFile(pyproject)) {
            try {
                PyprojectToml toml = PyprojectToml.parse(Files.readString(pyproject), pyproject);
                if (handler == null) {
                    handler = toml.settings().handler();
                }
                if (toml.settings().runtime() != null && !toml.settings().runtime().equals("host")) {
                    runtime = toml.settings().runtime();
                }
            } catch (ProjectInputException e) {
                err.println("error: " + e.getMessage());
                return Main.EXIT_USAGE;
            }
        }
        if (handler == null || !handler.contains(".")) {
            err.println("error: no handler: set handler = \"module.function\" under [tool.smolsnake] in " + pyproject
                    + " or pass --handler");
            return Main.EXIT_USAGE;
        }
        if (env == null) {
            Path prepared = prepare(project, err);
            if (prepared == null) {
                return Main.EXIT_FAILED;
            }
            env = prepared;
        }
        Path environment = env.toAbsolutePath().normalize();
        if (!Files.isDirectory(environment)) {
            err.println("error: the environment " + environment + " does not exist: run smolsnake install first");
            return Main.EXIT_USAGE;
        }
        byte[] payload;
        try {
            payload = event == null ? "{}".getBytes(StandardCharsets.UTF_8)
                    : event.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(event));
        } catch (IOException e) {
            err.println("error: cannot read the event " + event + ": " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        Path work = Files.createTempDirectory("smolsnake-invoke-");
        try {
            Path bootstrap = work.resolve("bootstrap");
            Bootstrap.writeTo(bootstrap);
            Map<String, String> variables = new LinkedHashMap<>(
                    Bootstrap.variables(handler, environment.toString(), Bootstrap.hasNativeFiles(environment)));
            if (variables.containsKey(Bootstrap.EXEC_WRAPPER_VARIABLE)) {
                variables.put(Bootstrap.EXEC_WRAPPER_VARIABLE, bootstrap.resolve(Bootstrap.WRAPPER_FILE).toString());
            }
            variables.put(Bootstrap.PATH_MODE_VARIABLE, pathMode);
            PythonFunction function = new PythonFunction(name, "$LATEST",
                    "arn:aws:lambda:local:000000000000:function:" + name, runtime, Bootstrap.HANDLER,
                    List.of(project, bootstrap), variables, timeout, 1024, Map.of());
            Invocation invocation;
            try (PythonRuntime python = new PythonRuntime(work.resolve("runtime"), System.getenv(),
                    line -> err.println(line), line -> err.println(line))) {
                invocation = python.invoke(function, UUID.randomUUID().toString(), payload, function.arn(), null);
            }
            err.println(invocation.report().line().strip());
            out.println(invocation.payloadText());
            return invocation.failed() ? Main.EXIT_FAILED : 0;
        } finally {
            deleteTree(work);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Without {@code --env}: locks the project when it has no lock (or its inputs changed since),
     * installs the lock into the local store under {@code $SMOLSNAKE_HOME} and returns the
     * environment, through the same commands a user would run. Null when a step failed (it said why).
     */
    private Path prepare(Path project, PrintWriter err) {
        Path lock = project.resolve(InstallCommand.LOCK_FILE);
        if (!Files.isRegularFile(lock) || stale(lock, project)) {
            err.println("invoke: locking " + project + " ...");
            int rc = Main.run(new PrintWriter(new java.io.StringWriter()), err, "lock", project.toString());
            if (rc != 0) {
                return null;
            }
        }
        java.io.StringWriter path = new java.io.StringWriter();
        Path store = Home.dir(System.getenv()).resolve("efs");
        int rc = Main.run(new PrintWriter(path), err, "install", project.toString(), "--store", store.toString());
        if (rc != 0) {
            return null;
        }
        String last = path.toString().strip();
        return Path.of(last.substring(last.lastIndexOf('\n') + 1));
    }

    /** Whether the lock was made from other inputs than the project has now. */
    private static boolean stale(Path lock, Path project) {
        try {
            String recorded = io.smolsnake.pypackaging.lock.Lock.read(lock).target()
                    .map(io.smolsnake.pypackaging.lock.LockTarget::inputsDigest).orElse(null);
            String now = io.smolsnake.pypackaging.project.Project.load(project, java.util.List.of(),
                    java.util.List.of()).inputsDigest();
            return recorded == null || !recorded.equals(now);
        } catch (RuntimeException e) {
            return true; // an unreadable lock is made again
        }
    }
}
