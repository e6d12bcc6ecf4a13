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

/** The six packaged services, started together on a local stack as in production. */
final class SystemServices {

    static final List<String> MODULES = List.of("pipeline/orchestrator", "services/datagen", "services/preprocess",
            "services/trainer", "services/evaluator", "services/serving");
    static final List<String> NAMES = MODULES.stream().map(m -> m.substring(m.lastIndexOf('/') + 1)).toList();

    private SystemServices() {
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
