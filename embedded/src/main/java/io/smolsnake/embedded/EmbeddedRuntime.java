package io.smolsnake.embedded;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The one-machine runtime: the embedded services started together, closed in reverse order.
 * Each service is added once it listens; {@link #close()} stops every one of them even when
 * one fails to stop.
 */
public final class EmbeddedRuntime implements AutoCloseable {
    private final List<EmbeddedService> services = new ArrayList<>();

    /** Adds a started service; the runtime now owns it. */
    public synchronized <T extends EmbeddedService> T add(T service) {
        if (service(service.serviceId()).isPresent()) {
            service.close();
            throw new IllegalStateException("the embedded runtime already serves " + service.serviceId());
        }
        services.add(service);
        return service;
    }

    /** The services in the order they were started. */
    public synchronized List<EmbeddedService> services() {
        return Collections.unmodifiableList(new ArrayList<>(services));
    }

    /** The service with this id ({@code SFN}, …), if it runs. */
    public synchronized Optional<EmbeddedService> service(String serviceId) {
        return services.stream().filter(s -> s.serviceId().equals(serviceId)).findFirst();
    }

    /** One {@code AWS_ENDPOINT_URL_<SERVICE>=…} line per service, in start order. */
    public synchronized List<String> endpointVariables() {
        return services.stream().map(EmbeddedService::endpointVariable).toList();
    }

    @Override
    public synchronized void close() {
        RuntimeException first = null;
        for (int i = services.size() - 1; i >= 0; i--) {
            try {
                services.get(i).close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        services.clear();
        if (first != null) {
            throw first;
        }
    }
}
