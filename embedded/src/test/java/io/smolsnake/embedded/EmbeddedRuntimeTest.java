package io.smolsnake.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedRuntimeTest {
    private final List<String> closed = new ArrayList<>();

    private EmbeddedService service(String id, int port, boolean failOnClose) {
        return new EmbeddedService() {
            @Override
            public String serviceId() {
                return id;
            }

            @Override
            public URI endpoint() {
                return URI.create("http://127.0.0.1:" + port);
            }

            @Override
            public void close() {
                closed.add(id);
                if (failOnClose) {
                    throw new IllegalStateException(id + " failed to stop");
                }
            }
        };
    }

    @Test
    void printsOneEndpointVariablePerServiceInStartOrder() {
        try (EmbeddedRuntime runtime = new EmbeddedRuntime()) {
            runtime.add(service("SFN", 4001, false));
            runtime.add(service("SQS", 4002, false));
            assertEquals(List.of("AWS_ENDPOINT_URL_SFN=http://127.0.0.1:4001",
                    "AWS_ENDPOINT_URL_SQS=http://127.0.0.1:4002"), runtime.endpointVariables());
        }
        assertEquals(List.of("SQS", "SFN"), closed);
    }

    @Test
    void refusesASecondServiceWithTheSameId() {
        try (EmbeddedRuntime runtime = new EmbeddedRuntime()) {
            runtime.add(service("S3", 1, false));
            assertThrows(IllegalStateException.class, () -> runtime.add(service("S3", 2, false)));
            assertEquals(List.of("S3"), closed, "the rejected duplicate is closed at once");
        }
    }

    @Test
    void closesEveryServiceEvenWhenOneFailsToStop() {
        EmbeddedRuntime runtime = new EmbeddedRuntime();
        runtime.add(service("SFN", 1, true));
        runtime.add(service("LAMBDA", 2, false));
        IllegalStateException e = assertThrows(IllegalStateException.class, runtime::close);
        assertTrue(e.getMessage().contains("SFN"));
        assertEquals(List.of("LAMBDA", "SFN"), closed);
        assertTrue(runtime.services().isEmpty());
    }
}
