package io.smolsnake.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Lambda function's project as a user writes one: {@code pyproject.toml} with its dependencies
 * and {@code [tool.smolsnake]}, a handler that imports the given modules and answers with their
 * {@code VERSION}s, and optionally {@code smoke.json}. The runtime and architecture are the host's
 * (the embedded Lambda runs the function on this machine's python3).
 */
record FunctionProject(Path dir) {

    static FunctionProject create(Path dir, List<String> dependencies, List<String> modules) {
        FunctionProject project = new FunctionProject(dir);
        try {
            Files.createDirectories(dir);
            String imports = modules.stream().map(m -> "import " + m + "\n").collect(Collectors.joining());
            String answer = modules.stream().map(m -> "\"" + m + "\": " + m + ".VERSION")
                    .collect(Collectors.joining(", "));
            Files.writeString(dir.resolve("handler.py"), imports + "\n\ndef lambda_handler(event, context):\n"
                    + "    return {" + answer + (answer.isEmpty() ? "" : ", ") + "\"echo\": event.get(\"name\")}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        project.dependencies(dependencies);
        return project;
    }

    /** Rewrites {@code [project].dependencies}. */
    FunctionProject dependencies(List<String> dependencies) {
        String deps = dependencies.stream().map(d -> "    \"" + d + "\",\n").collect(Collectors.joining());
        write("pyproject.toml", "[project]\nname = \"" + dir.getFileName() + "\"\nversion = \"0.1.0\"\n"
                + "dependencies = [\n" + deps + "]\n\n[tool.smolsnake]\nhandler = \"handler.lambda_handler\"\n");
        return this;
    }

    /** The Verify stage's smoke test: {@code event}, and {@code expect} (a subset of the answer). */
    FunctionProject smoke(String json) {
        write("smoke.json", json);
        return this;
    }

    private void write(String name, String text) {
        try {
            Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
