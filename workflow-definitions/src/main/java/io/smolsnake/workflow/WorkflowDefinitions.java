package io.smolsnake.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pipeline's state machine definition ({@code smolsnake/pipeline.asl.json}), the one file
 * Terraform renders with {@code templatefile} and the embedded runtime renders here: its
 * {@code ${name}} placeholders are the resources the stages run on.
 */
public final class WorkflowDefinitions {
    /** The resource path of the pipeline definition. */
    public static final String PIPELINE = "smolsnake/pipeline.asl.json";

    /** The placeholders the pipeline definition needs. */
    public static final Set<String> PIPELINE_PLACEHOLDERS = Set.of("lock_function_arn", "inject_function_arn",
            "verify_function_arn", "install_queue_url");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");

    private WorkflowDefinitions() {}

    /** The definition with its placeholders as written. */
    public static String pipelineTemplate() {
        try (InputStream in = WorkflowDefinitions.class.getClassLoader().getResourceAsStream(PIPELINE)) {
            if (in == null) {
                throw new IllegalStateException(PIPELINE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The definition with every placeholder filled in.
     *
     * @throws IllegalArgumentException naming every placeholder without a value
     */
    public static String pipeline(Map<String, String> values) {
        return render(pipelineTemplate(), values);
    }

    static String render(String template, Map<String, String> values) {
        Set<String> missing = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                missing.add(m.group(1));
                value = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(jsonEscape(value)));
        }
        m.appendTail(out);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the pipeline definition needs values for " + String.join(", ", missing));
        }
        return out.toString();
    }

    private static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
