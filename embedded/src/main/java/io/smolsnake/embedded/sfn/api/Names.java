package io.smolsnake.embedded.sfn.api;

import java.util.regex.Pattern;

/** AWS's rules for state machine and execution names and ARNs. */
final class Names {
    /** No whitespace, brackets, wildcards, the special characters AWS lists, nor control characters. */
    private static final Pattern NAME = Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\p{Cntrl}]{1,80}");
    private static final Pattern STATE_MACHINE_ARN =
            Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:stateMachine:[^:]+");
    private static final Pattern EXECUTION_ARN =
            Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:execution:[^:]+:[^:]+");

    private Names() {}

    static String name(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ApiError("InvalidName", "Invalid Name: '" + name + "'");
        }
        return name;
    }

    static String stateMachineArn(String arn) {
        if (!STATE_MACHINE_ARN.matcher(arn).matches()) {
            throw new ApiError("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: " + arn + "'");
        }
        return arn;
    }

    static String executionArn(String arn) {
        if (!EXECUTION_ARN.matcher(arn).matches()) {
            throw new ApiError("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: " + arn + "'");
        }
        return arn;
    }
}
