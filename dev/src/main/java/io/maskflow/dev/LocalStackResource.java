package io.maskflow.dev;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;

/**
 * Gives a {@code @QuarkusTest} the real broker and S3 server of {@link LocalStack#shared()}:
 * {@code @QuarkusTestResource(LocalStackResource.class)}. The stack outlives each test class and stops with the
 * JVM, so test classes do not pay its start-up twice.
 *
 * <p>The service under test logs in to Kafka as its own principal, so its tests also check its ACLs: the
 * principal is the init argument {@code principal} when given, else the service's {@code quarkus.application.name}
 * without {@code maskflow-} (e.g. {@code maskflow-serving} logs in as {@code serving}); an application with no
 * such name (the SDK's own tests) logs in as the super user.
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {

    private String principal;

    @Override
    public void init(Map<String, String> initArgs) {
        principal = initArgs.get("principal");
    }

    @Override
    public Map<String, String> start() {
        return LocalStack.shared().serviceProperties(principal != null ? principal : principalOfApplication());
    }

    @Override
    public void stop() {
        // The shared stack stops with the JVM.
    }

    /** The principal named by {@code quarkus.application.name} in the class path's application.properties. */
    static String principalOfApplication() {
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            for (URL url : Collections.list(loader.getResources("application.properties"))) {
                Properties properties = new Properties();
                try (InputStream in = url.openStream()) {
                    properties.load(in);
                }
                String name = properties.getProperty("quarkus.application.name");
                if (name != null && name.startsWith("maskflow-")) {
                    return name.substring("maskflow-".length());
                }
            }
            return KafkaUsers.ADMIN;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read application.properties", e);
        }
    }
}
