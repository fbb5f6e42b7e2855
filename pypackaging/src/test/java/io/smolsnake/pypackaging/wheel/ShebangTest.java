package io.smolsnake.pypackaging.wheel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ShebangTest {
    @Test
    void writesLongOrSpacedInterpretersThroughShTrampoline() {
        assertEquals("#!/var/lang/bin/python3.12\n",
                new String(Shebang.forInterpreter("/var/lang/bin/python3.12"), StandardCharsets.UTF_8));
        assertEquals("#!/bin/sh\n'''exec' '/opt/my python/bin/python3' \"$0\" \"$@\"\n' '''\n",
                new String(Shebang.forInterpreter("/opt/my python/bin/python3"), StandardCharsets.UTF_8));
    }

    @Test
    void writesLaunchersShebangAsDistlibDoes() {
        assertEquals("#!/var/lang/bin/python3.12\n", Launcher.shebang("/var/lang/bin/python3.12"));
        assertEquals("#!/bin/sh\n'''exec' \"/opt/my python/bin/python3\" \"$0\" \"$@\"\n' '''\n",
                Launcher.shebang("/opt/my python/bin/python3"));
        String deep = "/" + "d".repeat(130) + "/python3";
        assertEquals("#!/bin/sh\n'''exec' " + deep + " \"$0\" \"$@\"\n' '''\n", Launcher.shebang(deep));
    }
}
