package io.maskflow.system;

import io.maskflow.dev.LocalStack;
import io.maskflow.dev.ServiceProcess;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs shipped pipelines with their defaults, as a new user would, on a stack of its own (free ports, a temporary
 * folder, so it runs beside another stack), and prints what {@code ./maskflow submit <pipeline> --follow} printed
 * and the wall time: how the pipelines' defaults were checked.
 *
 * <p>Run: {@code mvn -q -o test-compile -pl pipeline/system-test} (after packaging the services), then
 * {@code java -cp "$(cat pipeline/system-test/target/cp.txt):pipeline/system-test/target/test-classes"
 * io.maskflow.system.PipelineRuns pseudo-label sweep ...} from the repository root; an argument {@code -p k=v}
 * after a pipeline's name is passed on to it.
 */
public final class PipelineRuns {

    private static final List<String> MODULES = List.of("pipeline/orchestrator", "services/datagen",
            "services/preprocess", "services/trainer", "services/evaluator", "services/serving");

    private PipelineRuns() {
    }

    public static void main(String[] args) throws Exception {
        LocalStack stack = LocalStack.shared();
        List<ServiceProcess> services = new ArrayList<>();
        try {
            for (String module : MODULES) {
                services.add(ServiceProcess.startOnFreePort(module, stack, List.of(),
                        "/q/health/live"));
            }
            String url = services.get(0).url();
            List<List<String>> runs = new ArrayList<>();
            for (String arg : args) {
                if (arg.startsWith("-p") || (!runs.isEmpty() && runs.get(runs.size() - 1).get(
                        runs.get(runs.size() - 1).size() - 1).equals("-p"))) {
                    runs.get(runs.size() - 1).add(arg);
                } else {
                    runs.add(new ArrayList<>(List.of(arg)));
                }
            }
            for (List<String> run : runs) {
                List<String> command = new ArrayList<>(List.of("./maskflow", "submit"));
                command.addAll(run);
                command.add("--follow");
                long start = System.nanoTime();
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
                builder.environment().put("MASKFLOW_URL", url);
                builder.environment().put("MASKFLOW_TOKEN", stack.tokens().token("operator"));
                Process process = builder.start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                process.waitFor(2, TimeUnit.HOURS);
                System.out.printf(Locale.ROOT, "$ %s%n%s%n%s: %.0f s from submit to the end of the run, exit %d%n%n",
                        String.join(" ", command), output, String.join(" ", run), (System.nanoTime() - start) / 1e9,
                        process.exitValue());
            }
        } finally {
            for (ServiceProcess s : services) {
                s.close();
            }
            stack.close();
        }
    }
}
