package io.smolsnake.embedded.s3;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Routes each request to its S3 operation and answers errors with S3's XML error body. */
final class S3Handler implements HttpHandler {
    /** Sub-resources this S3 does not serve; a request for one is answered 501 NotImplemented, never misread. */
    private static final List<String> UNSUPPORTED = List.of("acl", "tagging", "policy", "policyStatus", "cors",
            "lifecycle", "website", "notification", "logging", "encryption", "replication", "ownershipControls",
            "publicAccessBlock", "object-lock", "retention", "legal-hold", "attributes", "torrent", "restore",
            "select", "analytics", "metrics", "inventory", "intelligent-tiering", "accelerate", "requestPayment",
            "versions", "versionId", "session", "renameObject");

    private final BucketApi buckets;
    private final ObjectApi objects;
    private final AtomicLong requests = new AtomicLong();

    S3Handler(Store store, Clock clock) {
        Uploads uploads = new Uploads();
        this.buckets = new BucketApi(store, uploads, clock);
        this.objects = new ObjectApi(store, uploads, clock);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = String.format("%016X", requests.incrementAndGet());
        boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
        Reply reply;
        try {
            Request request = Request.of(exchange);
            try {
                reply = route(request);
            } catch (S3Exception e) {
                reply = Reply.error(e, requestId);
            } catch (IOException | RuntimeException e) {
                reply = Reply.error(new S3Exception("internal error: " + e, request.resource(), e), requestId);
            }
        } catch (RuntimeException e) {
            reply = Reply.error(S3Exception.invalidRequest("unreadable request: " + e.getMessage(),
                    exchange.getRequestURI().getRawPath()), requestId);
        }
        try {
            reply.header("x-amz-request-id", requestId).header("x-amz-id-2", requestId)
                    .header("Server", "smolsnake-embedded-s3").send(exchange, head);
        } finally {
            exchange.close();
        }
    }

    private Reply route(Request r) throws IOException {
        for (String name : UNSUPPORTED) {
            if (r.has(name)) {
                throw S3Exception.notImplemented("?" + name, r.resource());
            }
        }
        if (r.bucket().isEmpty()) {
            if (r.method().equals("GET")) {
                return buckets.listBuckets();
            }
            throw methodNotAllowed(r);
        }
        if (r.key().isEmpty()) {
            return switch (r.method()) {
                case "PUT" -> r.query().keySet().stream().allMatch("x-id"::equals) ? buckets.create(r)
                        : unsupported(r);
                case "HEAD" -> buckets.head(r);
                case "DELETE" -> buckets.delete(r);
                case "GET" -> r.has("location") ? buckets.location(r)
                        : r.has("versioning") ? buckets.versioning(r)
                        : r.has("uploads") ? buckets.listUploads(r)
                        : "2".equals(r.param("list-type")) ? buckets.listV2(r)
                        : buckets.listV1(r);
                case "POST" -> r.has("delete") ? buckets.deleteObjects(r) : unsupported(r);
                default -> throw methodNotAllowed(r);
            };
        }
        return switch (r.method()) {
            case "PUT" -> r.has("uploadId") ? objects.uploadPart(r)
                    : r.header("x-amz-copy-source") != null ? objects.copy(r)
                    : objects.put(r);
            case "GET" -> r.has("uploadId") ? objects.listParts(r) : objects.get(r, false);
            case "HEAD" -> objects.get(r, true);
            case "DELETE" -> r.has("uploadId") ? objects.abortUpload(r) : objects.delete(r);
            case "POST" -> r.has("uploads") ? objects.createUpload(r)
                    : r.has("uploadId") ? objects.completeUpload(r)
                    : unsupported(r);
            default -> throw methodNotAllowed(r);
        };
    }

    private static Reply unsupported(Request r) {
        throw S3Exception.notImplemented(r.method() + " " + r.query().keySet(), r.resource());
    }

    private static S3Exception methodNotAllowed(Request r) {
        return new S3Exception(405, "MethodNotAllowed",
                "The specified method is not allowed against this resource: " + r.method(), r.resource());
    }
}
