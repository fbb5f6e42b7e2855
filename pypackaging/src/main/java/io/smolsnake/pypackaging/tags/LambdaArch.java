package io.smolsnake.pypackaging.tags;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A Lambda instruction set: its Lambda name and the machine name wheel tags and markers use. */
public enum LambdaArch {
    X86_64("x86_64", "x86_64"),
    ARM64("arm64", "aarch64");

    private final String lambdaName;
    private final String machine;

    LambdaArch(String lambdaName, String machine) {
        this.lambdaName = lambdaName;
        this.machine = machine;
    }

    /** As Lambda writes it: {@code x86_64}, {@code arm64}. */
    public String lambdaName() {
        return lambdaName;
    }

    /** As wheel tags and {@code platform_machine} write it: {@code x86_64}, {@code aarch64}. */
    public String machine() {
        return machine;
    }

    /**
     * {@code x86_64} or {@code arm64} (case-insensitive; {@code aarch64} is accepted for arm64).
     *
     * @throws UnknownTargetException listing the valid names
     */
    public static LambdaArch parse(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (LambdaArch arch : values()) {
            if (arch.lambdaName.equals(n) || arch.machine.equals(n)) {
                return arch;
            }
        }
        String valid = Arrays.stream(values()).map(LambdaArch::lambdaName).collect(Collectors.joining(", "));
        throw new UnknownTargetException("Unknown architecture '" + name + "'; valid architectures: " + valid,
                name == null ? "" : name);
    }

    @Override
    public String toString() {
        return lambdaName;
    }
}
