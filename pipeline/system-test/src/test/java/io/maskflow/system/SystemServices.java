package io.maskflow.system;

import io.maskflow.dev.LocalStack;
import io.maskflow.dev.ServiceProcess;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The six packaged services, started together on a local stack as in production. */
final class SystemServices {

    static final List<String> MODULES = List.of("pipeline/orchestrator", "services/datagen", "services/preprocess",
            "services/trainer", "services/evaluator", "services/serving");
    static final List<String> NAMES = MODULES.stream().map(m -> m.substring(m.lastIndexOf('/') + 1)).toList();

    private SystemServices() {
    }

    /**
     * The six services on the shared stack, for the system test classes of one test run: the first class that
     * registers this starts them (40 – 60 s on two cores, once instead of once per class); they stop when the run
     * ends, before the shared stack's broker and S3 server. A class that replaces one (a trainer killed and started
     * again) says so with {@link #replace}, so that the next class gets the new one and it is stopped at the end.
     */
    static final class Shared implements BeforeAllCallback {

        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Shared.class);

        private Running running;

        @Override
        public void beforeAll(ExtensionContext context) {
            running = context.getRoot().getStore(NAMESPACE).computeIfAbsent(Running.class, key -> new Running(),
                    Running.class);
        }

        LocalStack stack() {
            return running.stack;
        }

        /** The running services by name (orchestrator, datagen, preprocess, trainer, evaluator, serving). */
        Map<String, ServiceProcess> services() {
            synchronized (running.services) {
                return Map.copyOf(running.services);
            }
        }

        ServiceProcess get(String name) {
            synchronized (running.services) {
                return running.services.get(name);
            }
        }

        /** Puts {@code replacement} in the place of the service of that name (which the caller has stopped). */
        void replace(String name, ServiceProcess replacement) {
            synchronized (running.services) {
                running.services.put(name, replacement);
            }
        }
    }

    /** The started services; closing it stops them. */
    private static final class Running implements AutoCloseable {

        private final LocalStack stack;
        private final Map<String, ServiceProcess> services;

        Running() {
            try {
                stack = LocalStack.shared();
                services = new LinkedHashMap<>(start(stack));
            } catch (Exception e) {
                throw new IllegalStateException("the system's services did not start: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws InterruptedException {
            synchronized (services) {
                for (ServiceProcess service : services.values()) {
                    service.close();
                }
            }
        }
    }

    /** Starts every service on a free port at the same time; returns them by name once each is live. */
    static Map<String, ServiceProcess> start(LocalStack stack) throws Exception {
        ExecutorService starter = Executors.newFixedThreadPool(MODULES.size());
        try {
            Map<String, Future<ServiceProcess>> starting = new LinkedHashMap<>();
            for (String module : MODULES) {
                starting.put(module.substring(module.lastIndexOf('/') + 1), starter.submit(() -> ServiceProcess
                        .startOnFreePort(module, stack, List.of(), "/q/health/live")));
            }
            Map<String, ServiceProcess> running = new LinkedHashMap<>();
            try {
                for (Map.Entry<String, Future<ServiceProcess>> e : starting.entrySet()) {
                    running.put(e.getKey(), e.getValue().get(3, TimeUnit.MINUTES));
                }
            } catch (Exception e) {
                // one did not come up: stop the others, so that no service outlives the test that started it
                stopAll(starting.values());
                throw e;
            }
            return running;
        } finally {
            starter.shutdown();
        }
    }

    /** Stops every service that started, waiting for those still starting. */
    private static void stopAll(Iterable<Future<ServiceProcess>> starting) throws InterruptedException {
        for (Future<ServiceProcess> future : starting) {
            try {
                future.get(3, TimeUnit.MINUTES).close();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                future.cancel(true);
            }
        }
    }
}
