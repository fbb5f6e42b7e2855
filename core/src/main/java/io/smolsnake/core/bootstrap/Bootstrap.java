package io.smolsnake.core.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The bootstrap shipped inside every function bundle: {@code smolsnake_bootstrap.py} becomes the
 * function's handler and puts the environment on {@code sys.path}; {@code smolsnake_wrapper.sh},
 * the {@code AWS_LAMBDA_EXEC_WRAPPER}, puts the environment's native files on {@code PATH} and
 * {@code LD_LIBRARY_PATH}. The environment variables here are the contract between the inject
 * stage, the bootstrap and {@code smolsnake invoke}.
 */
public final class Bootstrap {
    /** The function's handler once injected. */
    public static final String HANDLER = "smolsnake_bootstrap.handler";
    public static final String MODULE_FILE = "smolsnake_bootstrap.py";
    public static final String WRAPPER_FILE = "smolsnake_wrapper.sh";
    /** Where the wrapper lies in the function's task root on Lambda. */
    public static final String WRAPPER_PATH = "/var/task/" + WRAPPER_FILE;
    /** The real handler ({@code module.func}, may be nested {@code pkg.mod.func}). */
    public static final String HANDLER_VARIABLE = "SMOLSNAKE_HANDLER";
    /** The environment directory. */
    public static final String ENV_VARIABLE = "SMOLSNAKE_ENV";
    /** {@code env} (default) or {@code per-package}. */
    public static final String PATH_MODE_VARIABLE = "SMOLSNAKE_PATH_MODE";
    public static final String EXEC_WRAPPER_VARIABLE = "AWS_LAMBDA_EXEC_WRAPPER";

    private Bootstrap() {}

    /** The bootstrap module's source. */
    public static byte[] module() {
        return resource(MODULE_FILE);
    }

    /** The exec wrapper script (to be installed executable). */
    public static byte[] wrapper() {
        return resource(WRAPPER_FILE);
    }

    /**
     * The variables the bootstrap reads, for a function whose real handler is {@code handler} and
     * whose environment is {@code environment}; the exec wrapper only when the environment has native files.
     */
    public static Map<String, String> variables(String handler, String environment, boolean nativeFiles) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(environment, "environment");
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put(HANDLER_VARIABLE, handler);
        variables.put(ENV_VARIABLE, environment);
        if (nativeFiles) {
            variables.put(EXEC_WRAPPER_VARIABLE, WRAPPER_PATH);
        }
        return variables;
    }

    /** Whether the environment has native files: a non-empty {@code bin/} or {@code lib/}. */
    public static boolean hasNativeFiles(Path environment) {
        return nonEmpty(environment.resolve("bin")) || nonEmpty(environment.resolve("lib"));
    }

    /** Writes both files into {@code dir} (the wrapper executable), for running a function locally. */
    public static void writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(MODULE_FILE), module());
            Path wrapper = dir.resolve(WRAPPER_FILE);
            Files.write(wrapper, wrapper());
            try {
                Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException e) {
                wrapper.toFile().setExecutable(true, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the smolsnake bootstrap into " + dir, e);
        }
    }

    private static boolean nonEmpty(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = Bootstrap.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the smolsnake build lost its bootstrap resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bootstrap resource " + name, e);
        }
    }
}
