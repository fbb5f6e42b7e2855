package io.smolsnake.pypackaging.tags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smolsnake.pypackaging.filename.WheelFilename;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class LambdaTargetTest {
    static Stream<Arguments> everyLambdaTarget() {
        List<Arguments> out = new ArrayList<>();
        for (LambdaRuntime runtime : LambdaRuntime.values()) {
            for (LambdaArch arch : LambdaArch.values()) {
                out.add(Arguments.of(runtime, arch));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(textBlock = """
            python3.9,  x86_64, 2.26, x86_64
            python3.11, arm64,  2.26, aarch64
            python3.12, x86_64, 2.34, x86_64
            python3.14, arm64,  2.34, aarch64
            python3.13, aarch64, 2.34, aarch64
            """)
    void knowsEachRuntimesGlibcAndMachine(String runtime, String arch, String glibc, String machine) {
        LambdaTarget target = (LambdaTarget) Target.parse(runtime, arch);

        assertEquals(LibcVersion.parse(glibc), target.glibc());
        assertEquals(machine, target.markerEnvironment().get("platform_machine"));
    }

    @Test
    void listsManylinuxFromTheRuntimesGlibcDownTo2_5WithLegacyAliasesOnX86() {
        LambdaTarget target = LambdaTarget.of("python3.9", "x86_64");

        List<String> expected = new ArrayList<>();
        for (int minor = 26; minor >= 5; minor--) {
            expected.add("manylinux_2_" + minor + "_x86_64");
            if (minor == 17) {
                expected.add("manylinux2014_x86_64");
            } else if (minor == 12) {
                expected.add("manylinux2010_x86_64");
            } else if (minor == 5) {
                expected.add("manylinux1_x86_64");
            }
        }
        assertEquals(expected, target.platforms());
    }

    @Test
    void stopsArmManylinuxAt2_17AsPackagingDoes() {
        List<String> platforms = LambdaTarget.of("python3.12", "arm64").platforms();

        assertEquals("manylinux_2_34_aarch64", platforms.get(0));
        assertEquals(List.of("manylinux_2_17_aarch64", "manylinux2014_aarch64"),
                platforms.subList(platforms.size() - 2, platforms.size()));
        assertEquals(34 - 17 + 1 + 1, platforms.size());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyLambdaTarget")
    void neverAcceptsPlainLinuxOrMusllinuxWheels(LambdaRuntime runtime, LambdaArch arch) {
        SupportedTags tags = new LambdaTarget(runtime, arch).supportedTags();

        for (Tag tag : tags.tags()) {
            assertFalse(tag.platform().startsWith("linux_") || tag.platform().startsWith("musllinux_"), tag.toString());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyLambdaTarget")
    void generatesWhatPackagingGeneratesForThatPythonAndGlibc(LambdaRuntime runtime, LambdaArch arch) {
        LambdaTarget target = new LambdaTarget(runtime, arch);
        List<String> expected = PythonProcess.linesWithPackaging("""
                import sys
                from packaging import tags, _manylinux
                major, minor, gmajor, gminor = map(int, sys.argv[1:5])
                arch = sys.argv[5]
                _manylinux._get_glibc_version = lambda: (gmajor, gminor)
                _manylinux._have_compatible_abi = lambda executable, archs: True
                platforms = list(_manylinux.platform_tags([arch]))
                interpreter = 'cp%d%d' % (major, minor)
                for tag in tags.cpython_tags((major, minor), [interpreter], platforms):
                    print(tag)
                for tag in tags.compatible_tags((major, minor), interpreter, platforms):
                    print(tag)
                """, "3", Integer.toString(runtime.python().minor().getAsInt()),
                Integer.toString(target.glibc().major()), Integer.toString(target.glibc().minor()), arch.machine());

        assertEquals(expected, target.supportedTags().tags().stream().map(Tag::toString).toList());
    }

    @Test
    void ranksAWheelByItsBestTag() {
        SupportedTags tags = LambdaTarget.of("python3.12", "x86_64").supportedTags();

        OptionalInt specific = tags.priority(wheel("numpy-2.3.1-cp312-cp312-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl"));
        OptionalInt stable = tags.priority(wheel("cryptography-45.0.0-cp311-abi3-manylinux_2_34_x86_64.whl"));
        OptionalInt pure = tags.priority(wheel("requests-2.32.0-py3-none-any.whl"));

        assertEquals(OptionalInt.of(tags.tags().indexOf(Tag.of("cp312", "cp312", "manylinux_2_28_x86_64"))), specific);
        assertTrue(specific.getAsInt() < stable.getAsInt() && stable.getAsInt() < pure.getAsInt());
        assertEquals(OptionalInt.of(tags.size() - 1 - 12), pure);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(textBlock = """
            numpy-2.3.1-cp312-cp312-musllinux_1_2_x86_64.whl,        python3.12
            numpy-2.3.1-cp312-cp312-linux_x86_64.whl,                python3.12
            numpy-2.3.1-cp312-cp312-manylinux_2_28_aarch64.whl,      python3.12
            numpy-2.3.1-cp311-cp311-manylinux_2_17_x86_64.whl,       python3.12
            numpy-2.3.1-cp39-cp39-manylinux_2_28_x86_64.whl,         python3.9
            numpy-2.3.1-cp312-cp312-win_amd64.whl,                   python3.12
            """)
    void rejectsWheelsTheRuntimeCannotLoad(String filename, String runtime) {
        assertEquals(OptionalInt.empty(), LambdaTarget.of(runtime, "x86_64").supportedTags().priority(wheel(filename)));
    }

    @Test
    void acceptsOlderGlibcWheelsThroughLegacyAliases() {
        SupportedTags tags = LambdaTarget.of("python3.9", "x86_64").supportedTags();

        assertTrue(tags.isSupported(wheel("psycopg2_binary-2.9.9-cp39-cp39-manylinux1_x86_64.whl")));
        assertTrue(tags.isSupported(wheel("pyyaml-6.0.1-cp39-cp39-manylinux2010_x86_64.whl")));
    }

    @Test
    void describesTheMarkerEnvironmentOfTheRuntime() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("implementation_name", "cpython");
        expected.put("implementation_version", "3.12.0");
        expected.put("os_name", "posix");
        expected.put("platform_machine", "aarch64");
        expected.put("platform_release", "");
        expected.put("platform_system", "Linux");
        expected.put("platform_version", "");
        expected.put("python_full_version", "3.12.0");
        expected.put("platform_python_implementation", "CPython");
        expected.put("python_version", "3.12");
        expected.put("sys_platform", "linux");

        Map<String, String> env = Target.parse("python3.12", "arm64").markerEnvironment();

        assertEquals(expected, env);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(env.keySet()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            python2.7  | x86_64 | Unknown Lambda runtime 'python2.7'; valid runtimes: python3.9, python3.10, python3.11, python3.12, python3.13, python3.14 (or 'host' for the local python3)
            python3.12 | x86    | Unknown architecture 'x86'; valid architectures: x86_64, arm64
            nodejs22.x | -      | Unknown Lambda runtime 'nodejs22.x'; valid runtimes: python3.9, python3.10, python3.11, python3.12, python3.13, python3.14 (or 'host' for the local python3)
            host       | arm64  | The architecture 'arm64' applies to a Lambda runtime; the host target uses the host's own architecture
            """)
    void namesTheValidChoicesForAnUnknownTarget(String runtime, String arch, String message) {
        UnknownTargetException e = assertThrows(UnknownTargetException.class, () -> Target.parse(runtime, arch));

        assertEquals(message, e.reason());
    }

    @Test
    void defaultsToX86_64() {
        assertEquals(new LambdaTarget(LambdaRuntime.PYTHON_3_13, LambdaArch.X86_64), Target.parse("python3.13", null));
    }

    private static java.util.Set<Tag> wheel(String filename) {
        return WheelFilename.parse(filename).tags();
    }
}
