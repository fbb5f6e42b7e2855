package io.smolsnake.cli;

import io.smolsnake.core.stage.InstallResult;
import io.smolsnake.core.stage.LinkResult;
import io.smolsnake.pypackaging.Json;
import java.util.List;

/**
 * What {@code smolsnake install --json} prints: the environment's {@link LinkResult} and every
 * package's {@link InstallResult}, their components in declaration order, on one line. The text is
 * what Jackson's {@code ObjectMapper} writes for the same records (a test holds the two together);
 * written by hand because building a mapper and its record serializers costs the end of every
 * install tens of milliseconds.
 */
final class InstallJson {
    private final StringBuilder out = new StringBuilder(512);

    private InstallJson() {}

    /** {@code {"environment":{...},"packages":[{...},...]}}. */
    static String of(LinkResult env, List<InstallResult> packages) {
        InstallJson json = new InstallJson();
        json.out.append("{\"environment\":");
        json.environment(env);
        json.out.append(",\"packages\":[");
        for (int i = 0; i < packages.size(); i++) {
            if (i > 0) {
                json.out.append(',');
            }
            json.install(packages.get(i));
        }
        json.out.append("]}");
        return json.out.toString();
    }

    private void environment(LinkResult env) {
        out.append('{');
        string("digest", env.digest()).append(',');
        string("path", env.path()).append(',');
        name("files").append(env.files()).append(',');
        name("linked").append(env.linked()).append(',');
        name("copied").append(env.copied()).append(',');
        name("cached").append(env.cached()).append(',');
        name("seconds").append(env.seconds()).append(',');
        name("nativeFiles").append(env.nativeFiles()).append('}');
    }

    private void install(InstallResult result) {
        out.append('{');
        string("name", result.name()).append(',');
        string("version", result.version()).append(',');
        string("path", result.path()).append(',');
        name("files").append(result.files()).append(',');
        name("bytes").append(result.bytes()).append(',');
        name("compiled").append(result.compiled()).append(',');
        name("cached").append(result.cached()).append(',');
        name("seconds").append(result.seconds()).append('}');
    }

    private StringBuilder name(String name) {
        return quoted(name).append(':');
    }

    private StringBuilder string(String name, String value) {
        name(name);
        return value == null ? out.append("null") : quoted(value);
    }

    private StringBuilder quoted(String s) {
        return Json.appendString(out, s);
    }
}
