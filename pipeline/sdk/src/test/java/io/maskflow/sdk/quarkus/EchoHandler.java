package io.maskflow.sdk.quarkus;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.params.DatagenParams;
import io.maskflow.sdk.step.StepContext;
import io.maskflow.sdk.step.StepHandler;
import io.maskflow.sdk.step.StepResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A step for the SDK's integration test: writes one small artifact that depends on its parameters. */
@ApplicationScoped
public class EchoHandler implements StepHandler {

    private final AtomicInteger runs = new AtomicInteger();

    /** How many commands this handler actually worked on. */
    public int runs() {
        return runs.get();
    }

    @Override
    public StepType type() {
        return StepType.DATAGEN;
    }

    @Override
    public StepResult run(StepContext context) throws Exception {
        runs.incrementAndGet();
        DatagenParams params = context.parameters(DatagenParams.DEFAULTS);
        ArtifactRef out = context.writeOutput("echo.txt",
                ("persons=" + params.persons() + " seed=" + params.seed()).getBytes(StandardCharsets.UTF_8),
                "text/plain");
        return new StepResult(Map.of("echo", out), Map.of("persons", (double) params.persons()));
    }
}
