package io.smolsnake.embedded.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One version of a function ({@code $LATEST} or a published number): what GetFunctionConfiguration shows.
 * Python functions have a code directory; Java functions registered in-process have none.
 */
record FunctionConfig(String name, String arn, String version, String runtime, String role, String handler,
        String description, int timeout, int memorySize, Map<String, String> environment,
        List<String> subnetIds, List<String> securityGroupIds, List<FileSystem> fileSystems,
        String codeSha256, long codeSize, Path codeDir, String lastModified, String revisionId) {

    FunctionConfig {
        environment = Map.copyOf(environment);
        subnetIds = List.copyOf(subnetIds);
        securityGroupIds = List.copyOf(securityGroupIds);
        fileSystems = List.copyOf(fileSystems);
    }

    /** One {@code FileSystemConfigs} entry. */
    record FileSystem(String arn, String localMountPath) {}

    FunctionConfig withVersion(String version, String revisionId) {
        return new FunctionConfig(name, arn, version, runtime, role, handler, description, timeout, memorySize,
                environment, subnetIds, securityGroupIds, fileSystems, codeSha256, codeSize, codeDir, lastModified,
                revisionId);
    }

    /** Same code and settings: publishing it again gives back the same version. */
    boolean sameAs(FunctionConfig other) {
        return other != null && codeSha256.equals(other.codeSha256) && java.util.Objects.equals(runtime, other.runtime)
                && java.util.Objects.equals(handler, other.handler) && timeout == other.timeout
                && memorySize == other.memorySize && environment.equals(other.environment)
                && fileSystems.equals(other.fileSystems) && java.util.Objects.equals(description, other.description);
    }

    String qualifiedArn() {
        return arn + ":" + version;
    }

    ObjectNode toJson(ObjectMapper json) {
        ObjectNode node = json.createObjectNode()
                .put("FunctionName", name)
                .put("FunctionArn", version.equals("$LATEST") ? arn : qualifiedArn())
                .put("Runtime", runtime)
                .put("Role", role)
                .put("Handler", handler)
                .put("CodeSize", codeSize)
                .put("Description", description == null ? "" : description)
                .put("Timeout", timeout)
                .put("MemorySize", memorySize)
                .put("LastModified", lastModified)
                .put("CodeSha256", codeSha256)
                .put("Version", version)
                .put("RevisionId", revisionId)
                .put("PackageType", "Zip")
                .put("State", "Active")
                .put("LastUpdateStatus", "Successful");
        node.putArray("Architectures").add("x86_64");
        ObjectNode variables = node.putObject("Environment").putObject("Variables");
        new TreeMap<>(environment).forEach(variables::put);
        if (!subnetIds.isEmpty()) {
            ObjectNode vpc = node.putObject("VpcConfig");
            ArrayNode subnets = vpc.putArray("SubnetIds");
            subnetIds.forEach(subnets::add);
            ArrayNode groups = vpc.putArray("SecurityGroupIds");
            securityGroupIds.forEach(groups::add);
            vpc.put("VpcId", "vpc-embedded");
        }
        if (!fileSystems.isEmpty()) {
            ArrayNode systems = node.putArray("FileSystemConfigs");
            fileSystems.forEach(fs -> systems.addObject().put("Arn", fs.arn()).put("LocalMountPath", fs.localMountPath()));
        }
        return node;
    }
}
