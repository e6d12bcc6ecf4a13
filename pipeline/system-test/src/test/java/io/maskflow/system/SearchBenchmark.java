package io.maskflow.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maskflow.contracts.run.Halving;
import io.maskflow.dev.LocalStack;
import io.maskflow.dev.ServiceProcess;
import io.maskflow.orchestrator.engine.StepState;
import io.maskflow.orchestrator.engine.SuccessiveHalving;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The search against a full grid of the same trials, through the real stack: the {@code search} pipeline over a
 * grid of 9 recipes (3 architectures x 3 learning rates), once with successive halving and once with halving off,
 * on the same generated data. It prints, for both runs, every trial's curve and outcome, the trainer-epochs each
 * used, the best trial's validation macro F1 and the evaluator's hold-out macro F1 of the model it kept.
 *
 * <p>The halving run sees the trials in one order (the order the trainer took them). Since halving judges a trial
 * only against the trials before it, the benchmark then replays the rule ({@link SuccessiveHalving}) on the
 * measured full curves in 25 shuffled orders, once comparing the validation macro F1 at the rungs and once the
 * validation loss, and prints the median and spread of the trainer-epochs used and of what the search kept, against
 * the grid's choice. The synchronous schedule, whose verdicts do not depend on the order, is replayed once with
 * each figure.
 *
 * <p>Run from the repository root, after {@code mvn install -DskipTests}: {@code mvn -q -o test-compile
 * dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test -pl pipeline/system-test},
 * then {@code java -cp "$(cat pipeline/system-test/target/cp.txt):pipeline/system-test/target/test-classes"
 * io.maskflow.system.SearchBenchmark [persons] [epochs] [imageSize] [valMacroF1|valLoss] [async|sync|grid] [seed]}
 * (150, 6, 48, valMacroF1, async and seed 7 by default; the fourth and fifth are what the real halving run compares
 * and its schedule, or {@code grid} for the grid alone, none of its trials paused or resumed, and the replays on its
 * curves; the seed draws the data set and its split and initialises the trials);
 * {@code --replay
 * <its printed output> [epochs]} replays both rules again on the curves a run printed.
 */
public final class SearchBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String METRIC = "valMacroF1";
    private static final String LOSS = "valLoss";
    private static final String GROUP = "trial-${t.index}";
    /**
     * The rules replayed: the search's default and the one that compares the validation loss, each in the
     * asynchronous schedule (in shuffled orders) and the synchronous one (whose verdict has no order), and the
     * synchronous one with its first rung at epoch 3.
     */
    private static final List<Halving> RULES = List.of(new Halving(GROUP, METRIC, 2, 3),
            new Halving(GROUP, LOSS, Halving.MIN, 2, 3), new Halving(GROUP, METRIC, Halving.MAX, 2, 3, Halving.SYNC),
            new Halving(GROUP, LOSS, Halving.MIN, 2, 3, Halving.SYNC),
            new Halving(GROUP, METRIC, Halving.MAX, 3, 3, Halving.SYNC));
    /** A configuration's settled figure: the mean validation macro F1 of its last epochs, less noisy than one. */
    private static final int SETTLED_EPOCHS = 3;

    private SearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 1 && args[0].equals("--replay")) {
            replayPrinted(java.nio.file.Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 6);
            return;
        }
        int persons = args.length > 0 ? Integer.parseInt(args[0]) : 150;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int imageSize = args.length > 2 ? Integer.parseInt(args[2]) : 48;
        boolean sync = args.length > 4 && args[4].equals(Halving.SYNC);
        // the grid alone, every trial trained without a pause, and the rules replayed on its curves
        boolean gridOnly = args.length > 4 && args[4].equals("grid");
        Halving halving = RULES.get((args.length > 3 && args[3].equals(LOSS) ? 1 : 0) + (sync ? 2 : 0));
        long seed = args.length > 5 ? Long.parseLong(args[5]) : 7;
        LocalStack stack = LocalStack.shared();
        Map<String, ServiceProcess> services = SystemServices.start(stack);
        try {
            String url = services.get("orchestrator").url();
            String token = stack.tokens().token("operator");
            ObjectNode params = JSON.createObjectNode().put("persons", persons).put("evalPersons", 8)
                    .put("imageSize", imageSize).put("seed", seed).put("epochs", epochs).put("method", "grid")
                    .put("promote", false).put("minimumMacroF1", 0);
            ObjectNode space = params.putObject("space");
            space.putArray("architecture").add("compact-cnn").add("convnext-nano").add("vit-tiny");
            space.putArray("learningRate").add(0.0003).add(0.001).add(0.003);
            if (gridOnly) {
                JsonNode grid = run(url, token, params.deepCopy().put("halvingEta", 0));
                report("full grid", grid);
                Map<String, List<StepState.EpochPoint>> full = fullCurves(grid, grid);
                for (Halving rule : RULES) {
                    replay(rule, full, epochs);
                }
                return;
            }
            JsonNode search = run(url, token, params.deepCopy().put("halvingMinEpochs", halving.minEpochs())
                    .put("halvingEta", halving.eta()).put("halvingMetric", halving.metric())
                    .put("halvingMode", halving.mode()).put("halvingSchedule", halving.schedule()));
            JsonNode grid = run(url, token, params.deepCopy().put("halvingEta", 0));
            Map<String, List<StepState.EpochPoint>> full = fullCurves(search, grid);
            report("search (" + halving.schedule() + " successive halving on " + halving.metric() + ")", search);
            report("full grid", grid);
            for (Halving rule : RULES) {
                replay(rule, full, epochs);
            }
        } finally {
            for (ServiceProcess s : services.values()) {
                s.close();
            }
            stack.close();
        }
    }

    /** Submits a search and waits for its end; the run as {@code GET /runs/{id}} gives it. */
    private static JsonNode run(String url, String token, ObjectNode params) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("pipeline", "search").put("requestedBy", "SearchBenchmark");
        body.set("parameters", params);
        HttpResponse<String> submitted = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/runs"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        String runId = JSON.readTree(submitted.body()).path("runId").asText();
        System.out.printf(Locale.ROOT, "%s submitted %s: %s%n", Instant.now(), runId, params);
        while (true) {
            Thread.sleep(5_000);
            JsonNode run = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url + "/runs/" + runId))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body());
            String status = run.path("status").asText();
            if (List.of("SUCCEEDED", "FAILED", "CANCELLED", "REJECTED").contains(status)) {
                System.out.printf(Locale.ROOT, "%s %s %s %s%n", Instant.now(), runId, status,
                        run.path("reason").asText(""));
                return run;
            }
        }
    }

    /**
     * Each trial's whole curve, from both runs: a trial the halving run finished is answered from the cache in the
     * grid run, without epochs; a trial it stopped resumes in the grid run from its last checkpoint, so the grid run
     * reports only the epochs after it.
     */
    private static Map<String, List<StepState.EpochPoint>> fullCurves(JsonNode search, JsonNode grid) {
        Map<String, List<StepState.EpochPoint>> curves = new LinkedHashMap<>();
        search.path("steps").fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("trial-")) {
                curves.put(e.getKey(), merged(history(e.getValue()), history(grid.path("steps").path(e.getKey()))));
            }
        });
        return curves;
    }

    /**
     * The replay alone, from the curves a run of this benchmark printed ({@code --replay <its output>}): the
     * lines {@code trial-N architecture lr x phase [f1, f1, …]} and {@code trial-N valLoss [loss, …]} of both runs,
     * merged as {@link #fullCurves} does.
     */
    private static void replayPrinted(java.nio.file.Path printed, int epochs) throws java.io.IOException {
        java.util.regex.Pattern line = java.util.regex.Pattern.compile("^\\s+(trial-\\d+)\\s(.*)\\[([0-9., ]*)]");
        Map<String, List<StepState.EpochPoint>> curves = new LinkedHashMap<>();
        boolean grid = false;
        String phase = "";
        for (String text : java.nio.file.Files.readAllLines(printed)) {
            grid |= text.startsWith("== full grid");
            java.util.regex.Matcher m = line.matcher(text);
            if (!m.find() || m.group(3).isBlank()) {
                continue;
            }
            boolean loss = m.group(2).trim().equals(LOSS);
            phase = loss ? phase : m.group(2);
            List<StepState.EpochPoint> points = new ArrayList<>();
            String[] values = m.group(3).split(",\\s*");
            // a resumed trial reports its last epochs: they end at the last epoch
            int firstEpoch = grid && phase.contains("succeeded") ? epochs - values.length + 1 : 1;
            for (int i = 0; i < values.length; i++) {
                points.add(new StepState.EpochPoint(firstEpoch + i, epochs, Instant.EPOCH, Map.of(loss ? LOSS
                        : METRIC, Double.parseDouble(values[i]))));
            }
            curves.merge(m.group(1), points, SearchBenchmark::merged);
        }
        for (Halving rule : RULES) {
            replay(rule, curves, epochs);
        }
    }

    /** Two partial curves of one trial as one, by epoch; an epoch both have gets both's figures, the later's first. */
    static List<StepState.EpochPoint> merged(List<StepState.EpochPoint> first,
            List<StepState.EpochPoint> later) {
        Map<Long, StepState.EpochPoint> byEpoch = new java.util.TreeMap<>();
        for (StepState.EpochPoint p : first) {
            byEpoch.put(p.done(), p);
        }
        for (StepState.EpochPoint p : later) {
            byEpoch.merge(p.done(), p, (a, b) -> {
                Map<String, Double> figures = new LinkedHashMap<>(a.metrics());
                figures.putAll(b.metrics());
                return new StepState.EpochPoint(a.done(), a.total(), a.at(), figures);
            });
        }
        return new ArrayList<>(byEpoch.values());
    }

    private static List<StepState.EpochPoint> history(JsonNode step) {
        List<StepState.EpochPoint> points = new ArrayList<>();
        for (JsonNode h : step.path("history")) {
            points.add(new StepState.EpochPoint(h.path("done").asLong(), h.path("total").asLong(), Instant.EPOCH,
                    Map.of(METRIC, h.path("metrics").path(METRIC).asDouble(), LOSS,
                            h.path("metrics").path(LOSS).asDouble())));
        }
        return points;
    }

    private static void report(String title, JsonNode run) {
        System.out.printf(Locale.ROOT, "%n== %s: run %s, %s, took %s ==%n", title, run.path("runId").asText(),
                run.path("status").asText(), java.time.Duration.between(Instant.parse(run.path("createdAt").asText()),
                        Instant.parse(run.path("finishedAt").asText())));
        long used = 0;
        for (Map.Entry<String, JsonNode> e : iterable(run.path("steps"))) {
            JsonNode step = e.getValue();
            if (!e.getKey().startsWith("trial-")) {
                continue;
            }
            List<StepState.EpochPoint> curve = history(step);
            used += curve.size();
            System.out.printf(Locale.ROOT, "  %-8s %-13s lr %-7s %-10s %s%s%n", e.getKey(),
                    step.path("spec").path("parameters").path("architecture").asText(),
                    step.path("spec").path("parameters").path("learningRate").asText(),
                    step.path("phase").asText().toLowerCase(Locale.ROOT), figures(curve, METRIC),
                    step.path("cached").asBoolean() ? " (cached: trained by the halving run)" : "");
            System.out.printf(Locale.ROOT, "  %-8s %s %s%n", e.getKey(), LOSS, figures(curve, LOSS));
        }
        JsonNode metrics = run.path("steps").path("evaluate").path("metrics");
        System.out.printf(Locale.ROOT, "  trainer-epochs run: %d; kept model: validation macro F1 %.4f, hold-out "
                + "macro F1 %.4f%n", used, metrics.path("valMacroF1").asDouble(Double.NaN),
                metrics.path("holdoutMacroF1").asDouble(Double.NaN));
    }

    private static List<String> figures(List<StepState.EpochPoint> curve, String metric) {
        return curve.stream().map(p -> String.format(Locale.ROOT, "%.3f", p.metrics().get(metric))).toList();
    }

    /**
     * The halving rule replayed on the full curves in shuffled orders, one trainer taking trials in turn. A search
     * keeps the finished trial with the best validation macro F1 (as the evaluator does); it is judged against the
     * grid's choice twice: by that best figure (one epoch's, so partly luck) and by the chosen configuration's
     * settled figure (its last {@value #SETTLED_EPOCHS} epochs' mean).
     */
    private static void replay(Halving halving, Map<String, List<StepState.EpochPoint>> full, int epochs) {
        if (halving.synchronous()) {
            replaySynchronous(halving, full, epochs);
            return;
        }
        String gridChoice = choice(full.keySet(), full);
        double gridBest = best(full.get(gridChoice));
        double gridSettled = settled(full.get(gridChoice));
        String settledBest = full.keySet().stream().max(java.util.Comparator.comparingDouble(
                id -> settled(full.get(id)))).orElseThrow();
        long gridEpochs = full.values().stream().mapToLong(List::size).sum();
        List<Double> shares = new ArrayList<>();
        List<Double> found = new ArrayList<>();
        List<Double> foundSettled = new ArrayList<>();
        int atLeastAsGood = 0;
        int settledAsGood = 0;
        Random random = new Random(1);
        for (int order = 0; order < 25; order++) {
            List<String> ids = new ArrayList<>(full.keySet());
            Collections.shuffle(ids, random);
            List<SuccessiveHalving.Trial> seen = new ArrayList<>();
            List<String> finished = new ArrayList<>();
            long used = 0;
            for (String id : ids) {
                List<StepState.EpochPoint> curve = full.get(id);
                List<StepState.EpochPoint> sofar = new ArrayList<>();
                SuccessiveHalving.Trial trial = new SuccessiveHalving.Trial(id, sofar);
                seen.add(trial);
                boolean stopped = false;
                for (StepState.EpochPoint point : curve) {
                    sofar.add(point);
                    used++;
                    if (SuccessiveHalving.verdict(halving, trial, seen).isPresent()) {
                        stopped = true;
                        break;
                    }
                }
                if (!stopped) {
                    finished.add(id);
                }
            }
            String chosen = choice(finished, full);
            shares.add((double) used / gridEpochs);
            found.add(best(full.get(chosen)));
            foundSettled.add(settled(full.get(chosen)));
            atLeastAsGood += best(full.get(chosen)) >= gridBest ? 1 : 0;
            settledAsGood += settled(full.get(chosen)) >= gridSettled ? 1 : 0;
        }
        Collections.sort(shares);
        Collections.sort(found);
        Collections.sort(foundSettled);
        System.out.printf(Locale.ROOT, "%n== halving on %s (%s, first rung %d, eta %d) replayed on the measured "
                + "curves, 25 shuffled orders ==%n"
                + "  full grid: %d trials x %d epochs = %d trainer-epochs; its choice %s: best validation macro F1 "
                + "%.4f, settled (last %d epochs' mean) %.4f; the best settled figure of all trials %.4f (%s)%n"
                + "  halving: trainer-epochs used / grid's: median %.3f (min %.3f, max %.3f)%n"
                + "  halving: best validation macro F1 of its choice: median %.4f (min %.4f, max %.4f); at least "
                + "the grid's in %d of 25 orders%n"
                + "  halving: settled figure of its choice: median %.4f (min %.4f, max %.4f); at least the grid's "
                + "choice's in %d of 25 orders%n", halving.metric(), halving.mode(), halving.minEpochs(),
                halving.eta(), full.size(), epochs, gridEpochs, gridChoice, gridBest, SETTLED_EPOCHS, gridSettled,
                settled(full.get(settledBest)), settledBest,
                shares.get(shares.size() / 2), shares.get(0), shares.get(shares.size() - 1),
                found.get(found.size() / 2), found.get(0), found.get(found.size() - 1), atLeastAsGood,
                foundSettled.get(foundSettled.size() / 2), foundSettled.get(0),
                foundSettled.get(foundSettled.size() - 1), settledAsGood);
    }

    /**
     * The synchronous schedule replayed on the full curves: every trial still in trains to the next rung, the rung's
     * verdict ({@link SuccessiveHalving#decide}) keeps the best, and those left train to the end. It has no order, so
     * one replay is the whole answer. (The real run may train a paused trial one epoch further before it sees the
     * stop; the replay does not.)
     */
    private static void replaySynchronous(Halving halving, Map<String, List<StepState.EpochPoint>> full, int epochs) {
        List<String> going = new ArrayList<>(full.keySet());
        long used = 0;
        long trained = 0;
        for (long rung = halving.minEpochs(); rung < epochs; rung *= halving.eta()) {
            used += (rung - trained) * going.size();
            trained = rung;
            long at = rung;
            List<SuccessiveHalving.Trial> trials = new ArrayList<>();
            for (String id : going) {
                trials.add(new SuccessiveHalving.Trial(id, full.get(id).stream().filter(p -> p.done() <= at)
                        .toList()));
            }
            going = new ArrayList<>(SuccessiveHalving.decide(halving, rung, trials, new java.util.LinkedHashSet<>(
                    going), java.util.Set.of()).orElseThrow().resume());
        }
        used += (epochs - trained) * going.size();
        long gridEpochs = full.values().stream().mapToLong(List::size).sum();
        String gridChoice = choice(full.keySet(), full);
        String chosen = choice(going, full);
        System.out.printf(Locale.ROOT, "%n== synchronous halving on %s (%s, first rung %d, eta %d) replayed on the "
                + "measured curves ==%n"
                + "  trainer-epochs %d of the grid's %d (%.3f); finished %s; its choice %s: best validation macro F1 "
                + "%.4f, settled %.4f; the grid's choice %s: %.4f, settled %.4f%n", halving.metric(), halving.mode(),
                halving.minEpochs(), halving.eta(), used, gridEpochs, (double) used / gridEpochs, going, chosen,
                best(full.get(chosen)), settled(full.get(chosen)), gridChoice, best(full.get(gridChoice)),
                settled(full.get(gridChoice)));
    }

    /** The trial a search keeps among {@code finished}: the best validation macro F1 of any epoch. */
    private static String choice(java.util.Collection<String> finished, Map<String, List<StepState.EpochPoint>> full) {
        return finished.stream().max(java.util.Comparator.comparingDouble(id -> best(full.get(id)))).orElseThrow();
    }

    private static double best(List<StepState.EpochPoint> curve) {
        return curve.stream().mapToDouble(p -> p.metrics().get(METRIC)).max().orElse(Double.NEGATIVE_INFINITY);
    }

    private static double settled(List<StepState.EpochPoint> curve) {
        return curve.subList(Math.max(0, curve.size() - SETTLED_EPOCHS), curve.size()).stream()
                .mapToDouble(p -> p.metrics().get(METRIC)).average().orElse(Double.NEGATIVE_INFINITY);
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }
}
