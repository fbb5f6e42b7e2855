package io.smolsnake.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.smolsnake.pypackaging.tags.HostProbeException;
import io.smolsnake.pypackaging.tags.Tag;
import io.smolsnake.pypackaging.tags.Target;
import io.smolsnake.pypackaging.tags.UnknownTargetException;
import java.io.PrintWriter;
import java.util.List;

/**
 * {@code smolsnake tags}: the target's supported wheel tags, most preferred first, one per line; or
 * with {@code --markers} its PEP 508 marker environment as JSON. Nothing else goes to stdout.
 */
final class TagsCommand implements Command {
    static final Param<String> RUNTIME = Param.option("--runtime", "RUNTIME",
            "Lambda runtime (python3.9 ... python3.14) or 'host' for the local python3 (default: host).");
    static final Param<String> ARCH = Param.option("--arch", "ARCH",
            "Lambda architecture: x86_64 (default) or arm64. Only with a Lambda runtime.");
    static final Param<Boolean> MARKERS = Param.flag("--markers",
            "Print the marker environment as JSON instead of the tags.");
    static final CommandSpec SPEC = CommandSpec.of("tags",
            List.of("Print the wheel tags a target accepts, most preferred first, one per line,",
                    "or with --markers its PEP 508 marker environment as JSON."),
            List.of(), RUNTIME, ARCH, MARKERS);

    private final String runtime;
    private final String arch;
    private final boolean markers;

    TagsCommand(ParsedArgs args) {
        runtime = args.get(RUNTIME);
        arch = args.get(ARCH);
        markers = args.flag(MARKERS);
    }

    @Override
    public int call(PrintWriter out, PrintWriter err) {
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
                ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                out.println(json.writeValueAsString(target.markerEnvironment()));
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
