package io.smolsnake.embedded.sfn.integrations;

import io.smolsnake.embedded.EmbeddedService;
import java.net.URI;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.rest.sqs.TheSQSRestServerBuilder;

/**
 * The embedded SQS: ElasticMQ in this process, on loopback, in memory (queues and messages do
 * not survive a restart). Queue URLs name the port it listens on.
 */
public final class SqsService implements EmbeddedService {
    private final SQSRestServer server;
    private final URI endpoint;
    private volatile boolean closed;

    private SqsService(SQSRestServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /**
     * Starts ElasticMQ on 127.0.0.1.
     *
     * @param port the port, or 0 for any free one
     */
    public static SqsService start(int port) {
        TheSQSRestServerBuilder builder = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withAWSRegion("us-east-1")
                .withAWSAccountId("000000000000");
        builder = port == 0 ? builder.withDynamicPort()
                : builder.withPort(port).withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""));
        SQSRestServer server = builder.start();
        int bound = server.waitUntilStarted().localAddress().getPort();
        return new SqsService(server, URI.create("http://127.0.0.1:" + bound));
    }

    @Override
    public String serviceId() {
        return "SQS";
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            server.stopAndWait();
        }
    }
}
