package io.smolsnake.pypackaging.tags;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The AWS Lambda Python runtimes and the operating system each runs on (AWS's Lambda runtimes table:
 * python3.9 to python3.11 on Amazon Linux 2, python3.12 and later on Amazon Linux 2023).
 */
public enum LambdaRuntime {
    PYTHON_3_9(9, LambdaOs.AMAZON_LINUX_2),
    PYTHON_3_10(10, LambdaOs.AMAZON_LINUX_2),
    PYTHON_3_11(11, LambdaOs.AMAZON_LINUX_2),
    PYTHON_3_12(12, LambdaOs.AMAZON_LINUX_2023),
    PYTHON_3_13(13, LambdaOs.AMAZON_LINUX_2023),
    PYTHON_3_14(14, LambdaOs.AMAZON_LINUX_2023);

    private final PythonVersion python;
    private final LambdaOs os;

    LambdaRuntime(int minor, LambdaOs os) {
        this.python = PythonVersion.of(3, minor);
        this.os = os;
    }

    /** The runtime identifier: {@code python3.12}. */
    public String identifier() {
        return "python" + python;
    }

    public PythonVersion python() {
        return python;
    }

    public LambdaOs os() {
        return os;
    }

    /** The glibc of the runtime's operating system. */
    public LibcVersion glibc() {
        return os.glibc();
    }

    /**
     * A runtime identifier such as {@code python3.12} (case-insensitive).
     *
     * @throws UnknownTargetException listing the valid identifiers
     */
    public static LambdaRuntime parse(String identifier) {
        String n = identifier == null ? "" : identifier.strip().toLowerCase(Locale.ROOT);
        for (LambdaRuntime runtime : values()) {
            if (runtime.identifier().equals(n)) {
                return runtime;
            }
        }
        throw new UnknownTargetException("Unknown Lambda runtime '" + identifier + "'; valid runtimes: "
                + validNames() + " (or 'host' for the local python3)", identifier == null ? "" : identifier);
    }

    /** {@code python3.9, python3.10, ...}. */
    static String validNames() {
        return Arrays.stream(values()).map(LambdaRuntime::identifier).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return identifier();
    }

    /** The operating systems Lambda's Python runtimes run on, with their glibc. */
    public enum LambdaOs {
        AMAZON_LINUX_2("Amazon Linux 2", LibcVersion.of(2, 26)),
        AMAZON_LINUX_2023("Amazon Linux 2023", LibcVersion.of(2, 34));

        private final String displayName;
        private final LibcVersion glibc;

        LambdaOs(String displayName, LibcVersion glibc) {
            this.displayName = displayName;
            this.glibc = glibc;
        }

        public String displayName() {
            return displayName;
        }

        public LibcVersion glibc() {
            return glibc;
        }

        @Override
        public String toString() {
            return displayName;
        }
    }
}
