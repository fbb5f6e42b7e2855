package io.smolsnake.embedded.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.smolsnake.embedded.EmbeddedService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded Lambda endpoint: the subset of the Lambda REST API the pipeline and a user need
 * (CreateFunction, GetFunction, GetFunctionConfiguration, UpdateFunctionCode,
 * UpdateFunctionConfiguration, PublishVersion, ListVersionsByFunction, CreateAlias, UpdateAlias,
 * GetAlias, ListAliases, ListFunctions, DeleteFunction, Invoke), on loopback, for the AWS SDK for
 * Java v2, boto3 and the AWS CLI.
 *
 * <p>Python functions run on the host's interpreter as {@link PythonRuntime} describes. Java
 * handlers registered with {@link #registerJava} (the pipeline's own tasks) run in-process.
 */
public final class LambdaService implements EmbeddedService {
    private static final Pattern ROUTE =
            Pattern.compile("/2015-03-31/functions/?(?:([^/]+)(?:/([a-z]+)(?:/([^/]+))?)?)?/?");

    private final ObjectMapper json = new ObjectMapper();
    private final LambdaSettings settings;
    private final Functions functions;
    private final PythonRuntime python;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "embedded-lambda");
        t.setDaemon(true);
        return t;
    });
    private final HttpServer server;
    private final URI endpoint;

    private LambdaService(LambdaSettings settings) throws IOException {
        this.settings = settings;
        this.functions = new Functions(json, settings);
        this.python = new PythonRuntime(settings.workDir().resolve("runtime"), settings.hostEnvironment(),
                settings.logSink(), settings.warnings());
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
        this.endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Starts the endpoint on loopback. */
    public static LambdaService start(LambdaSettings settings) {
        try {
            return new LambdaService(settings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Lambda on port " + settings.port(), e);
        }
    }

    @Override
    public String serviceId() {
        return "LAMBDA";
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    /** Whether Python functions see their EFS mount paths unchanged (see {@link PythonRuntime}). */
    public boolean mountsInPlace() {
        return python.mountsInPlace();
    }

    /** Serves a pipeline task in-process as function {@code name} (replacing one of that name). */
    public void registerJava(String name, RequestStreamHandler handler) {
        functions.registerJava(name, new JavaHandler(handler, handler.getClass().getName() + "::handleRequest"));
    }

    /** Serves a {@code RequestHandler<Map, Map>} task in-process: the payload is a JSON object in and out. */
    public void registerJava(String name, RequestHandler<Map<String, Object>, Map<String, Object>> handler) {
        RequestStreamHandler streams = (in, out, context) -> {
            Map<String, Object> input = json.readValue(in, new TypeReference<Map<String, Object>>() { });
            json.writeValue(out, handler.handleRequest(input, context));
        };
        functions.registerJava(name, new JavaHandler(streams, handler.getClass().getName() + "::handleRequest"));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        try (exchange) {
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
            try {
                route(exchange, requestId);
            } catch (LambdaApiException e) {
                respond(exchange, e.status(), Map.of("x-amzn-ErrorType", e.type()),
                        json.writeValueAsBytes(json.createObjectNode().put("Type", "User").put("Message", e.getMessage())));
            } catch (RuntimeException e) {
                settings.warnings().accept("embedded Lambda: " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI() + " failed: " + e);
                respond(exchange, 500, Map.of("x-amzn-ErrorType", "ServiceException"),
                        json.writeValueAsBytes(json.createObjectNode().put("Type", "Service")
                                .put("Message", String.valueOf(e.getMessage()))));
            }
        }
    }

    private void route(HttpExchange exchange, String requestId) throws IOException {
        String method = exchange.getRequestMethod();
        Matcher m = ROUTE.matcher(exchange.getRequestURI().getRawPath());
        if (!m.matches()) {
            throw new LambdaApiException(404, "UnknownOperationException", "Unknown operation "
                    + method + " " + exchange.getRequestURI().getRawPath());
        }
        String name = decode(m.group(1));
        String sub = m.group(2);
        String item = decode(m.group(3));
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String qualifier = query.get("Qualifier");
        String op = method + " " + (name == null ? "" : "F") + (sub == null ? "" : "/" + sub) + (item == null ? "" : "/I");
        switch (op) {
            case "POST " -> respond(exchange, 201, functions.create(body(exchange)).toJson(json));
            case "GET " -> {
                ArrayNode list = json.createArrayNode();
                functions.list().forEach(c -> list.add(c.toJson(json)));
                ObjectNode result = json.createObjectNode();
                result.set("Functions", list);
                respond(exchange, 200, result);
            }
            case "GET F" -> respond(exchange, 200, getFunction(name, qualifier));
            case "DELETE F" -> {
                functions.delete(name, qualifier);
                python.retire(functions.arn(name).substring(functions.arn(name).lastIndexOf(':') + 1), null);
                respond(exchange, 204, Map.of(), new byte[0]);
            }
            case "GET F/configuration" -> respond(exchange, 200, functions.resolve(name, qualifier).toJson(json));
            case "PUT F/configuration" -> respond(exchange, 200, functions.updateConfiguration(name, body(exchange)).toJson(json));
            case "PUT F/code" -> respond(exchange, 200, functions.updateCode(name, body(exchange)).toJson(json));
            case "POST F/versions" -> respond(exchange, 201, functions.publishVersion(name, body(exchange)).toJson(json));
            case "GET F/versions" -> {
                ArrayNode list = json.createArrayNode();
                functions.versions(name).forEach(c -> list.add(c.toJson(json)));
                ObjectNode result = json.createObjectNode();
                result.set("Versions", list);
                respond(exchange, 200, result);
            }
            case "POST F/aliases" -> respond(exchange, 201, functions.aliasJson(name, functions.createAlias(name, body(exchange))));
            case "GET F/aliases" -> {
                ArrayNode list = json.createArrayNode();
                functions.aliases(name).forEach(a -> list.add(functions.aliasJson(name, a)));
                ObjectNode result = json.createObjectNode();
                result.set("Aliases", list);
                respond(exchange, 200, result);
            }
            case "GET F/aliases/I" -> respond(exchange, 200, functions.aliasJson(name, functions.getAlias(name, item)));
            case "PUT F/aliases/I" -> respond(exchange, 200,
                    functions.aliasJson(name, functions.updateAlias(name, item, body(exchange))));
            case "POST F/invocations" -> invoke(exchange, name, qualifier, requestId);
            default -> throw new LambdaApiException(404, "UnknownOperationException",
                    "the embedded Lambda does not serve " + method + " " + exchange.getRequestURI().getRawPath());
        }
    }

    private ObjectNode getFunction(String name, String qualifier) {
        FunctionConfig config = functions.resolve(name, qualifier);
        ObjectNode result = json.createObjectNode();
        result.set("Configuration", config.toJson(json));
        ObjectNode code = result.putObject("Code").put("RepositoryType", "S3");
        if (config.codeDir() != null) {
            code.put("Location", config.codeDir().toUri().toString());
        }
        result.putObject("Tags");
        return result;
    }

    private void invoke(HttpExchange exchange, String name, String qualifier, String requestId) throws IOException {
        byte[] payload = exchange.getRequestBody().readAllBytes();
        String type = header(exchange, "X-Amz-Invocation-Type", "RequestResponse");
        boolean tail = header(exchange, "X-Amz-Log-Type", "None").equals("Tail");
        String clientContext = exchange.getRequestHeaders().getFirst("X-Amz-Client-Context");
        FunctionConfig config = functions.resolve(name, qualifier);
        String invokedArn = qualifier == null || qualifier.isEmpty() ? config.arn() : config.arn() + ":" + qualifier;
        switch (type) {
            case "DryRun" -> respond(exchange, 204, Map.of(), new byte[0]);
            case "Event" -> {
                threads.submit(() -> run(config, requestId, payload, invokedArn, clientContext));
                respond(exchange, 202, Map.of(), new byte[0]);
            }
            case "RequestResponse" -> {
                Invocation invocation = run(config, requestId, payload, invokedArn, clientContext);
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("X-Amz-Executed-Version", invocation.executedVersion());
                headers.put("Content-Type", "application/json");
                if (invocation.failed()) {
                    headers.put("X-Amz-Function-Error", invocation.functionError());
                }
                if (tail) {
                    headers.put("X-Amz-Log-Result", invocation.logTail());
                }
                respond(exchange, 200, headers, invocation.payload());
            }
            default -> throw LambdaApiException.invalid("1 validation error detected: Value '" + type
                    + "' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set:"
                    + " [Event, RequestResponse, DryRun]");
        }
    }

    /** Runs one invocation of the resolved version (Python out of process, Java in-process). */
    Invocation run(FunctionConfig config, String requestId, byte[] payload, String invokedArn, String clientContext) {
        Functions.Function function = functions.function(config.name());
        if (function.java != null) {
            return function.java.invoke(json, threads, config, requestId, payload, invokedArn, settings.logSink());
        }
        PythonFunction spec = pythonFunction(config);
        if (config.version().equals(Functions.LATEST)) {
            python.retire(config.name(), spec);
        }
        return python.invoke(spec, requestId, payload, invokedArn, clientContext);
    }

    private PythonFunction pythonFunction(FunctionConfig config) {
        Map<String, Path> mounts = new HashMap<>();
        for (FunctionConfig.FileSystem fs : config.fileSystems()) {
            mounts.put(fs.localMountPath(), functions.hostDir(fs));
        }
        return new PythonFunction(config.name(), config.version(), config.arn(), config.runtime(), config.handler(),
                List.of(config.codeDir()), config.environment(), config.timeout(), config.memorySize(), mounts);
    }

    private JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        if (bytes.length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new LambdaApiException(400, "SerializationException", "the request body is not JSON: " + e.getMessage());
        }
    }

    private void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        respond(exchange, status, Map.of("Content-Type", "application/json"), json.writeValueAsBytes(body));
    }

    private static void respond(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        if (status == 204) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static String header(HttpExchange exchange, String name, String fallback) {
        String value = exchange.getRequestHeaders().getFirst(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static String decode(String raw) {
        return raw == null ? null : URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            query.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return query;
    }

    @Override
    public void close() {
        server.stop(0);
        python.close();
        threads.shutdownNow();
    }
}
