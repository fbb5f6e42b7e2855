package io.smolsnake.cli;

import java.nio.file.Path;
import java.util.Map;

/** Where local state lives: {@code $SMOLSNAKE_HOME}, else the XDG data directory. */
final class Home {
    private Home() {}

    static Path dir(Map<String, String> env) {
        String home = env.get("SMOLSNAKE_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        String data = env.get("XDG_DATA_HOME");
        if (data != null && !data.isBlank()) {
            return Path.of(data, "smolsnake");
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "smolsnake");
    }
}
