package io.smolsnake.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smolsnake.pypackaging.tags.PythonVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterpretersTest {
    @TempDir
    Path tmp;

    @Test
    void takesAKnownExecutableWithoutLookingOnPath() throws Exception {
        Path exe = Files.writeString(tmp.resolve("python3"), "#!/bin/sh\nexit 1\n");
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        Interpreters interpreters = new Interpreters(""); // nothing on PATH

        interpreters.known(PythonVersion.of(3, 11), exe);

        assertEquals(Optional.of(exe), interpreters.bytecodePython(PythonVersion.of(3, 11)));
        assertEquals(Optional.empty(), interpreters.bytecodePython(PythonVersion.of(3, 12)));
    }

    @Test
    void ignoresAKnownPathThatIsNotAnExecutableFile() throws Exception {
        Path notExecutable = Files.writeString(tmp.resolve("python3"), "");
        Interpreters interpreters = new Interpreters("");

        interpreters.known(PythonVersion.of(3, 11), notExecutable);
        interpreters.known(PythonVersion.of(3, 11), tmp.resolve("missing"));

        assertEquals(Optional.empty(), interpreters.bytecodePython(PythonVersion.of(3, 11)));
    }
}
