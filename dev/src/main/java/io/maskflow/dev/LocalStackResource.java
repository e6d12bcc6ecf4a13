package io.maskflow.dev;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} the real broker and S3 server of {@link LocalStack#shared()}:
 * {@code @QuarkusTestResource(LocalStackResource.class)}. The stack outlives each test class and stops with the
 * JVM, so test classes do not pay its start-up twice.
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return LocalStack.shared().serviceProperties();
    }

    @Override
    public void stop() {
        // The shared stack stops with the JVM.
    }
}
