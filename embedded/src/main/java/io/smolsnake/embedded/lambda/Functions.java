package io.smolsnake.embedded.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** The functions, their published versions and aliases: the Lambda control plane, in memory. */
final class Functions {
    static final String LATEST = "$LATEST";
    private static final DateTimeFormatter LAST_MODIFIED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    /** A function: its {@code $LATEST}, published versions, aliases, and an in-process handler for Java tasks. */
    static final class Function {
        FunctionConfig latest;
        final TreeMap<Integer, FunctionConfig> versions = new TreeMap<>();
        final Map<String, Alias> aliases = new LinkedHashMap<>();
        final JavaHandler java;

        Function(FunctionConfig latest, JavaHandler java) {
            this.latest = latest;
            this.java = java;
        }
    }

    record Alias(String name, String functionVersion, String description, String revisionId) {}

    private final ObjectMapper json;
    private final CodeStore code;
    private final LambdaSettings settings;
    private final Map<String, Function> functions = new TreeMap<>();

    Functions(ObjectMapper json, LambdaSettings settings) {
        this.json = json;
        this.settings = settings;
        this.code = new CodeStore(settings.workDir());
    }

    String arn(String name) {
        return "arn:aws:lambda:" + settings.region() + ":" + settings.accountId() + ":function:" + name;
    }

    synchronized FunctionConfig create(JsonNode body) {
        String name = required(body, "FunctionName");
        checkName(name);
        if (functions.containsKey(name)) {
            throw LambdaApiException.conflict("Function already exist: " + name);
        }
        CodeStore.Code stored = storeCode(body.path("Code"));
        FunctionConfig config = new FunctionConfig(name, arn(name), LATEST, required(body, "Runtime"),
                body.path("Role").asText("arn:aws:iam::" + settings.accountId() + ":role/embedded"),
                required(body, "Handler"), body.path("Description").asText(""), body.path("Timeout").asInt(3),
                body.path("MemorySize").asInt(128), variables(body.path("Environment")),
                strings(body.path("VpcConfig").path("SubnetIds")), strings(body.path("VpcConfig").path("SecurityGroupIds")),
                fileSystems(body.path("FileSystemConfigs")), stored.sha256(), stored.size(), stored.dir(), now(), revision());
        validate(config);
        Function function = new Function(config, null);
        functions.put(name, function);
        return body.path("Publish").asBoolean(false) ? publish(function, null) : config;
    }

    synchronized FunctionConfig registerJava(String name, JavaHandler handler) {
        checkName(name);
        byte[] digest = CodeStore.sha256(handler.describe().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        FunctionConfig config = new FunctionConfig(name, arn(name), LATEST, "java17",
                "arn:aws:iam::" + settings.accountId() + ":role/embedded", handler.describe(), "in-process Java task",
                900, 512, Map.of(), List.of(), List.of(), List.of(), Base64.getEncoder().encodeToString(digest), 0,
                null, now(), revision());
        functions.put(name, new Function(config, handler));
        return config;
    }

    synchronized Function function(String nameOrArn) {
        String name = nameOf(nameOrArn);
        Function function = functions.get(name);
        if (function == null) {
            throw LambdaApiException.notFound("Function not found: " + arn(name));
        }
        return function;
    }

    /** The configuration the qualifier (version, alias, {@code $LATEST} or none) picks. */
    synchronized FunctionConfig resolve(String nameOrArn, String qualifier) {
        Function function = function(nameOrArn);
        String q = qualifier == null || qualifier.isEmpty() ? qualifierOf(nameOrArn) : qualifier;
        if (q == null || q.equals(LATEST)) {
            return function.latest;
        }
        Alias alias = function.aliases.get(q);
        String version = alias != null ? alias.functionVersion() : q;
        if (version.equals(LATEST)) {
            return function.latest;
        }
        FunctionConfig config = version.matches("\\d+") ? function.versions.get(Integer.parseInt(version)) : null;
        if (config == null) {
            throw LambdaApiException.notFound("Function not found: " + function.latest.arn() + ":" + q);
        }
        return config;
    }

    synchronized List<FunctionConfig> list() {
        return functions.values().stream().map(f -> f.latest).toList();
    }

    synchronized List<FunctionConfig> versions(String nameOrArn) {
        Function function = function(nameOrArn);
        List<FunctionConfig> all = new ArrayList<>();
        all.add(function.latest);
        all.addAll(function.versions.values());
        return all;
    }

    synchronized void delete(String nameOrArn, String qualifier) {
        Function function = function(nameOrArn);
        if (qualifier == null || qualifier.isEmpty()) {
            functions.remove(function.latest.name());
        } else if (qualifier.matches("\\d+")) {
            function.versions.remove(Integer.parseInt(qualifier));
        } else {
            throw LambdaApiException.invalid("Deletion of $LATEST or an alias through DeleteFunction is not allowed: "
                    + qualifier);
        }
    }

    synchronized FunctionConfig updateCode(String nameOrArn, JsonNode body) {
        Function function = pythonFunction(nameOrArn, "UpdateFunctionCode");
        CodeStore.Code stored = storeCode(body);
        FunctionConfig l = function.latest;
        function.latest = new FunctionConfig(l.name(), l.arn(), LATEST, l.runtime(), l.role(), l.handler(),
                l.description(), l.timeout(), l.memorySize(), l.environment(), l.subnetIds(), l.securityGroupIds(),
                l.fileSystems(), stored.sha256(), stored.size(), stored.dir(), now(), revision());
        return body.path("Publish").asBoolean(false) ? publish(function, null) : function.latest;
    }

    synchronized FunctionConfig updateConfiguration(String nameOrArn, JsonNode body) {
        Function function = pythonFunction(nameOrArn, "UpdateFunctionConfiguration");
        FunctionConfig l = function.latest;
        JsonNode vpc = body.path("VpcConfig");
        FunctionConfig updated = new FunctionConfig(l.name(), l.arn(), LATEST, body.path("Runtime").asText(l.runtime()),
                body.path("Role").asText(l.role()), body.path("Handler").asText(l.handler()),
                body.path("Description").asText(l.description()), body.path("Timeout").asInt(l.timeout()),
                body.path("MemorySize").asInt(l.memorySize()),
                body.has("Environment") ? variables(body.path("Environment")) : l.environment(),
                vpc.has("SubnetIds") ? strings(vpc.path("SubnetIds")) : l.subnetIds(),
                vpc.has("SecurityGroupIds") ? strings(vpc.path("SecurityGroupIds")) : l.securityGroupIds(),
                body.has("FileSystemConfigs") ? fileSystems(body.path("FileSystemConfigs")) : l.fileSystems(),
                l.codeSha256(), l.codeSize(), l.codeDir(), now(), revision());
        validate(updated);
        function.latest = updated;
        return updated;
    }

    synchronized FunctionConfig publishVersion(String nameOrArn, JsonNode body) {
        Function function = function(nameOrArn);
        String expected = body.path("CodeSha256").asText("");
        if (!expected.isEmpty() && !expected.equals(function.latest.codeSha256())) {
            throw LambdaApiException.invalid("CodeSHA256 (" + expected + ") is different from current CodeSHA256 in"
                    + " $LATEST (" + function.latest.codeSha256() + "). Please try again with the CodeSHA256 in $LATEST.");
        }
        return publish(function, body.hasNonNull("Description") ? body.get("Description").asText() : null);
    }

    private FunctionConfig publish(Function function, String description) {
        FunctionConfig last = function.versions.isEmpty() ? null : function.versions.lastEntry().getValue();
        if (function.latest.sameAs(last)) {
            return last;
        }
        int number = function.versions.isEmpty() ? 1 : function.versions.lastKey() + 1;
        FunctionConfig published = function.latest.withVersion(String.valueOf(number), revision());
        if (description != null) {
            published = new FunctionConfig(published.name(), published.arn(), published.version(), published.runtime(),
                    published.role(), published.handler(), description, published.timeout(), published.memorySize(),
                    published.environment(), published.subnetIds(), published.securityGroupIds(),
                    published.fileSystems(), published.codeSha256(), published.codeSize(), published.codeDir(),
                    published.lastModified(), published.revisionId());
        }
        function.versions.put(number, published);
        return published;
    }

    synchronized Alias createAlias(String nameOrArn, JsonNode body) {
        Function function = function(nameOrArn);
        String name = required(body, "Name");
        if (name.matches("\\d+") || name.equals(LATEST) || !name.matches("[A-Za-z0-9_\\-]{1,128}")) {
            throw LambdaApiException.invalid("1 validation error detected: Value '" + name
                    + "' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + "(?!^[0-9]+$)([a-zA-Z0-9-_]+)");
        }
        if (function.aliases.containsKey(name)) {
            throw LambdaApiException.conflict("Alias already exists: " + function.latest.arn() + ":" + name);
        }
        Alias alias = new Alias(name, existingVersion(function, required(body, "FunctionVersion")),
                body.path("Description").asText(""), revision());
        function.aliases.put(name, alias);
        return alias;
    }

    synchronized Alias updateAlias(String nameOrArn, String aliasName, JsonNode body) {
        Function function = function(nameOrArn);
        Alias alias = alias(function, aliasName);
        String expected = body.path("RevisionId").asText("");
        if (!expected.isEmpty() && !expected.equals(alias.revisionId())) {
            throw new LambdaApiException(412, "PreconditionFailedException",
                    "The Revision Id provided does not match the latest Revision Id. Call the GetAlias API to retrieve"
                            + " the latest Revision Id");
        }
        Alias updated = new Alias(aliasName,
                body.hasNonNull("FunctionVersion") ? existingVersion(function, body.get("FunctionVersion").asText())
                        : alias.functionVersion(),
                body.path("Description").asText(alias.description()), revision());
        function.aliases.put(aliasName, updated);
        return updated;
    }

    synchronized Alias getAlias(String nameOrArn, String aliasName) {
        return alias(function(nameOrArn), aliasName);
    }

    synchronized List<Alias> aliases(String nameOrArn) {
        return List.copyOf(function(nameOrArn).aliases.values());
    }

    ObjectNode aliasJson(String nameOrArn, Alias alias) {
        return json.createObjectNode()
                .put("AliasArn", arn(nameOf(nameOrArn)) + ":" + alias.name())
                .put("Name", alias.name())
                .put("FunctionVersion", alias.functionVersion())
                .put("Description", alias.description())
                .put("RevisionId", alias.revisionId());
    }

    private static Alias alias(Function function, String aliasName) {
        Alias alias = function.aliases.get(aliasName);
        if (alias == null) {
            throw LambdaApiException.notFound("Cannot find alias arn: " + function.latest.arn() + ":" + aliasName);
        }
        return alias;
    }

    private static String existingVersion(Function function, String version) {
        if (version.equals(LATEST)
                || (version.matches("\\d+") && function.versions.containsKey(Integer.parseInt(version)))) {
            return version;
        }
        throw LambdaApiException.notFound("Function not found: " + function.latest.arn() + ":" + version);
    }

    private Function pythonFunction(String nameOrArn, String operation) {
        Function function = function(nameOrArn);
        if (function.java != null) {
            throw LambdaApiException.invalid(operation + " is not supported for " + function.latest.name()
                    + ": it is an in-process Java task of the embedded runtime");
        }
        return function;
    }

    private CodeStore.Code storeCode(JsonNode code) {
        if (code.hasNonNull("ZipFile")) {
            return this.code.store(Base64.getDecoder().decode(code.get("ZipFile").asText()));
        }
        if (code.hasNonNull("S3Bucket") && code.hasNonNull("S3Key")) {
            String bucket = code.get("S3Bucket").asText();
            String key = code.get("S3Key").asText();
            byte[] zip = settings.s3().get(bucket, key).orElseThrow(() -> LambdaApiException.invalid(
                    "Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does"
                            + " not exist. (s3://" + bucket + "/" + key + ")"));
            return this.code.store(zip);
        }
        if (code.hasNonNull("ImageUri")) {
            throw LambdaApiException.invalid("the embedded Lambda runs zip functions only, not container images");
        }
        throw LambdaApiException.invalid("Please provide a source for function code: ZipFile, or S3Bucket and S3Key");
    }

    private void validate(FunctionConfig config) {
        if (!config.runtime().startsWith("python3.")) {
            throw LambdaApiException.invalid("the embedded Lambda runs python3.x functions, not " + config.runtime());
        }
        if (config.timeout() < 1 || config.timeout() > 900) {
            throw LambdaApiException.invalid("Timeout must be between 1 and 900 seconds, not " + config.timeout());
        }
        if (!config.fileSystems().isEmpty() && config.subnetIds().isEmpty()) {
            throw LambdaApiException.invalid("Function " + config.name() + " must be configured to use a VPC"
                    + " (VpcConfig with SubnetIds and SecurityGroupIds) to mount an EFS file system");
        }
        for (FunctionConfig.FileSystem fs : config.fileSystems()) {
            hostDir(fs);
        }
    }

    /** The local directory shown at the file system's mount path. */
    java.nio.file.Path hostDir(FunctionConfig.FileSystem fs) {
        java.nio.file.Path dir = settings.fileSystems().get(fs.arn());
        if (dir == null) {
            dir = settings.fileSystems().get(fs.localMountPath());
        }
        if (dir == null) {
            throw LambdaApiException.invalid("the embedded Lambda has no local directory for file system " + fs.arn()
                    + " (LocalMountPath " + fs.localMountPath() + "): configure one for its ARN or its mount path");
        }
        return dir;
    }

    private static String nameOf(String nameOrArn) {
        if (nameOrArn.startsWith("arn:")) {
            String[] parts = nameOrArn.split(":");
            return parts.length > 6 ? parts[6] : nameOrArn;
        }
        int colon = nameOrArn.indexOf(':');
        return colon < 0 ? nameOrArn : nameOrArn.substring(0, colon);
    }

    private static String qualifierOf(String nameOrArn) {
        String[] parts = nameOrArn.split(":");
        if (nameOrArn.startsWith("arn:")) {
            return parts.length > 7 ? parts[7] : null;
        }
        return parts.length > 1 ? parts[1] : null;
    }

    private static void checkName(String name) {
        if (!name.matches("[A-Za-z0-9_\\-]{1,64}")) {
            throw LambdaApiException.invalid("1 validation error detected: Value '" + name
                    + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression"
                    + " pattern: [a-zA-Z0-9-_]+ and have length at most 64");
        }
    }

    private static String required(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw LambdaApiException.invalid("1 validation error detected: Value null at '" + field
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value.asText();
    }

    private static Map<String, String> variables(JsonNode environment) {
        Map<String, String> variables = new TreeMap<>();
        environment.path("Variables").properties().forEach(e -> variables.put(e.getKey(), e.getValue().asText()));
        return variables;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static List<FunctionConfig.FileSystem> fileSystems(JsonNode array) {
        List<FunctionConfig.FileSystem> systems = new ArrayList<>();
        array.forEach(fs -> systems.add(new FunctionConfig.FileSystem(fs.path("Arn").asText(),
                fs.path("LocalMountPath").asText())));
        return systems;
    }

    private static String now() {
        return LAST_MODIFIED.format(ZonedDateTime.now(ZoneOffset.UTC));
    }

    private static String revision() {
        return UUID.randomUUID().toString();
    }
}
