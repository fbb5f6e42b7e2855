package io.smolsnake.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.smolsnake.pypackaging.tags.HostProbeException;
import io.smolsnake.pypackaging.tags.Tag;
import io.smolsnake.pypackaging.tags.Target;
import io.smolsnake.pypackaging.tags.UnknownTargetException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code smolsnake tags}: the target's supported wheel tags, most preferred first, one per line; or
 * with {@code --markers} its PEP 508 marker environment as JSON. Nothing else goes to stdout.
 */
@Command(name = "tags",
        mixinStandardHelpOptions = true,
        description = {"Print the wheel tags a target accepts, most preferred first, one per line,",
                "or with --markers its PEP 508 marker environment as JSON."})
final class TagsCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Option(names = "--runtime", paramLabel = "RUNTIME",
            description = "Lambda runtime (python3.9 ... python3.14) or 'host' for the local python3 (default: host).")
    String runtime;

    @Option(names = "--arch", paramLabel = "ARCH",
            description = "Lambda architecture: x86_64 (default) or arm64. Only with a Lambda runtime.")
    String arch;

    @Option(names = "--markers", description = "Print the marker environment as JSON instead of the tags.")
    boolean markers;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Target target;
        try {
            target = Target.parse(runtime, arch);
        } catch (UnknownTargetException e) {
            err.println("error: " + e.reason());
            return Main.EXIT_USAGE;
        } catch (HostProbeException e) {
            err.println("error: " + e.getMessage());
            return Main.EXIT_FAILED;
        }
        if (markers) {
            try {
                out.println(JSON.writeValueAsString(target.markerEnvironment()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the marker environment as JSON", e);
            }
        } else {
            for (Tag tag : target.supportedTags().tags()) {
                out.println(tag);
            }
        }
        out.flush();
        return 0;
    }
}
