package io.smolsnake.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where {@code deploy} sends a project, each setting from the first of: its flag, its
 * {@code SMOLSNAKE_…} environment variable, its key in {@code [tool.smolsnake]}.
 *
 * @param fileSystemArn the store's EFS access point, for a function not mounted yet (may be null)
 * @param alias the alias Verify moves ({@code live} unless set)
 */
record DeploySettings(String stateMachineArn, String artifactBucket, String fileSystemArn, String function,
        String alias, String handler) {
    static final String DEFAULT_ALIAS = "live";

    /** One setting: its flag, variable, key, and what it is (for the message when it is missing). */
    enum Setting {
        STATE_MACHINE_ARN("--state-machine-arn", "SMOLSNAKE_STATE_MACHINE_ARN", "state-machine-arn",
                "the pipeline's state machine (terraform output state_machine_arn of the pipeline module)"),
        ARTIFACT_BUCKET("--artifact-bucket", "SMOLSNAKE_ARTIFACT_BUCKET", "artifact-bucket",
                "the pipeline's artifact bucket (terraform output artifact_bucket of the pipeline module)"),
        FILE_SYSTEM_ARN("--file-system-arn", "SMOLSNAKE_FILE_SYSTEM_ARN", "file-system-arn",
                "the store's EFS access point (terraform output efs_access_point_arn of the depcache module)"),
        FUNCTION("--function", "SMOLSNAKE_FUNCTION", "function", "the Lambda function to deploy to"),
        ALIAS("--alias", "SMOLSNAKE_ALIAS", "alias", "the alias Verify moves"),
        // no variable: SMOLSNAKE_HANDLER is the bootstrap's, in the function's environment
        HANDLER("--handler", null, "handler", "the function's own handler");

        final String flag;
        final String variable;
        final String key;
        final String what;

        Setting(String flag, String variable, String key, String what) {
            this.flag = flag;
            this.variable = variable;
            this.key = key;
            this.what = what;
        }
    }

    /**
     * @param flags the values given on the command line (absent or null: not given)
     * @param env the process environment
     * @param tool the project's {@code [tool.smolsnake]} table (empty when none)
     * @param pyproject how to name the project's pyproject.toml in a message
     * @throws MissingSettings naming every required setting that is set nowhere, and where to set it
     */
    static DeploySettings resolve(Map<Setting, String> flags, Map<String, String> env, Map<String, Object> tool,
            String pyproject) {
        Resolver r = new Resolver(flags, env, tool);
        List<String> missing = new ArrayList<>();
        String machine = r.required(Setting.STATE_MACHINE_ARN, missing, pyproject);
        String bucket = r.required(Setting.ARTIFACT_BUCKET, missing, pyproject);
        String function = r.required(Setting.FUNCTION, missing, pyproject);
        if (!missing.isEmpty()) {
            throw new MissingSettings("missing " + (missing.size() == 1 ? "a setting" : missing.size() + " settings")
                    + ":\n" + String.join("\n", missing));
        }
        String alias = r.value(Setting.ALIAS);
        return new DeploySettings(machine, bucket, r.value(Setting.FILE_SYSTEM_ARN), function,
                alias == null ? DEFAULT_ALIAS : alias, r.value(Setting.HANDLER));
    }

    private record Resolver(Map<Setting, String> flags, Map<String, String> env, Map<String, Object> tool) {
        String value(Setting s) {
            String flag = flags.get(s);
            if (flag != null && !flag.isBlank()) {
                return flag.trim();
            }
            String variable = s.variable == null ? null : env.get(s.variable);
            if (variable != null && !variable.isBlank()) {
                return variable.trim();
            }
            Object key = tool.get(s.key);
            return key instanceof String k && !k.isBlank() ? k.trim() : null;
        }

        String required(Setting s, List<String> missing, String pyproject) {
            String v = value(s);
            if (v == null) {
                missing.add("  " + s.what + ": give " + s.flag + ", set " + s.variable + ", or set " + s.key
                        + " under [tool.smolsnake] in " + pyproject);
            }
            return v;
        }
    }

    /** Required settings that are set nowhere. */
    static final class MissingSettings extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MissingSettings(String message) {
            super(message);
        }
    }
}
