package io.smolsnake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smolsnake.cli.DeploySettings.Setting;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeploySettingsTest {
    private static final Map<String, Object> TOOL = Map.of("state-machine-arn", "toml-sm", "artifact-bucket",
            "toml-bucket", "function", "toml-fn", "file-system-arn", "toml-fs", "alias", "toml-alias");

    @ParameterizedTest(name = "flag {0}, variable {1} -> {2}")
    @CsvSource(nullValues = "-", value = {
            // flag,  variable, resolved
            "flag-sm, env-sm,   flag-sm",
            "-,       env-sm,   env-sm",
            "-,       -,        toml-sm",
            "'  ',    ' ',      toml-sm", // blank counts as unset
    })
    void aFlagWinsOverItsVariableWhichWinsOverPyproject(String flag, String variable, String resolved) {
        Map<Setting, String> flags = flag == null ? Map.of() : Map.of(Setting.STATE_MACHINE_ARN, flag);
        Map<String, String> env = variable == null ? Map.of() : Map.of("SMOLSNAKE_STATE_MACHINE_ARN", variable);

        DeploySettings settings = DeploySettings.resolve(flags, env, TOOL, "pyproject.toml");

        assertEquals(resolved, settings.stateMachineArn());
        assertEquals("toml-bucket", settings.artifactBucket());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "ALIAS, SMOLSNAKE_ALIAS, alias",
            "FILE_SYSTEM_ARN, SMOLSNAKE_FILE_SYSTEM_ARN, file-system-arn",
            "FUNCTION, SMOLSNAKE_FUNCTION, function",
            "ARTIFACT_BUCKET, SMOLSNAKE_ARTIFACT_BUCKET, artifact-bucket",
    })
    void everySettingHasItsVariableAndItsKey(Setting setting, String variable, String key) {
        assertEquals(variable, setting.variable);
        assertEquals(key, setting.key);
        DeploySettings fromEnv = DeploySettings.resolve(Map.of(), Map.of(variable, "from-env"), TOOL, "p");
        DeploySettings fromFlag = DeploySettings.resolve(Map.of(setting, "from-flag"), Map.of(variable, "x"), TOOL,
                "p");
        assertEquals("from-env", value(fromEnv, setting));
        assertEquals("from-flag", value(fromFlag, setting));
    }

    @ParameterizedTest
    @CsvSource({"live", "prod"})
    void theAliasIsLiveUnlessSet(String alias) {
        Map<String, Object> tool = alias.equals("live") ? Map.of("state-machine-arn", "sm", "artifact-bucket", "b",
                "function", "f") : Map.of("state-machine-arn", "sm", "artifact-bucket", "b", "function", "f",
                "alias", alias);

        assertEquals(alias, DeploySettings.resolve(Map.of(), Map.of(), tool, "p").alias());
    }

    private static String value(DeploySettings s, Setting setting) {
        return switch (setting) {
            case STATE_MACHINE_ARN -> s.stateMachineArn();
            case ARTIFACT_BUCKET -> s.artifactBucket();
            case FILE_SYSTEM_ARN -> s.fileSystemArn();
            case FUNCTION -> s.function();
            case ALIAS -> s.alias();
            case HANDLER -> s.handler();
        };
    }
}
