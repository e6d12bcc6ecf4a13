package io.maskflow.evaluator;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.shards.ShardFormat;
import io.maskflow.contracts.shards.ShardIndex;
import io.maskflow.contracts.shards.ShardReader;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.vision.metrics.EvaluationFigures;
import io.maskflow.vision.model.Ensemble;
import io.maskflow.vision.model.ModelArtifact;
import io.maskflow.vision.model.Votes;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The per-head ensemble against its members on the hold-out persons, as the evaluator builds it: every model's heads
 * scored on its own validation fold, each head taken from the best there, then the hold-out macro F1 of the
 * ensemble beside each member's, the soft vote's and the member {@code best} would choose (highest validation macro
 * F1). The data is a preprocess job's output in a local folder ({@code index.json} beside its shards) with a
 * hold-out, and the models were trained on it. The hold-out is small, so the difference between the ensemble and
 * the chosen single model is also given over 1,000 bootstrap resamples of the hold-out persons (median and the 5 –
 * 95 % range).
 *
 * <p>Run: {@code mvn -q -pl services/evaluator test-compile exec:java
 * -Dexec.mainClass=io.maskflow.evaluator.PerHeadBenchmark -Dexec.args="<shard folder> <model.zip> <model.zip> ..."}
 */
public final class PerHeadBenchmark {

    private PerHeadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        Path folder = Path.of(args[0]);
        ShardIndex index = EventCodec.instance().mapper().readValue(folder.resolve("index.json").toFile(),
                ShardIndex.class);
        List<ShardRecord> all = new ArrayList<>();
        for (ShardIndex.Shard shard : index.shards()) {
            try (InputStream in = Files.newInputStream(folder.resolve(shard.ref().key()));
                    ShardReader reader = new ShardReader(in)) {
                reader.forEach(all::add);
            }
        }
        List<ShardRecord> holdout = all.stream().filter(r -> r.fold() == ShardFormat.HOLDOUT).toList();
        int[] truth = holdout.stream().mapToInt(ShardRecord::label).toArray();
        int size = index.imageSize();
        Evaluator evaluator = new Evaluator();
        List<Map<String, Double>> headFigures = new ArrayList<>();
        List<float[][]> onHoldout = new ArrayList<>();
        List<ArtifactRef> refs = new ArrayList<>();
        int chosenSingle = 0;
        double bestValidation = -1;
        System.out.printf(Locale.ROOT, "%d images, %d on the hold-out persons; flip TTA%n", all.size(),
                holdout.size());
        for (int m = 1; m < args.length; m++) {
            Path model = Path.of(args[m]);
            Object fold = ModelArtifact.describe(model).parameters().get("validationFold");
            int validationFold = fold instanceof Number n ? n.intValue() : 0;
            List<ShardRecord> own = all.stream().filter(r -> r.fold() == validationFold).toList();
            int[] ownTruth = own.stream().mapToInt(ShardRecord::label).toArray();
            float[][] p = evaluator.probabilities(model, own, size, true, false);
            Map<String, Double> heads = PerHeadChoice.headMacroF1(ownTruth, p);
            double validation = Evaluator.Evaluation.of(ownTruth, p).figures().macroF1();
            headFigures.add(heads);
            onHoldout.add(evaluator.probabilities(model, holdout, size, true, false));
            refs.add(new ArtifactRef("local", model.getFileName().toString(), 1, "0".repeat(63) + m));
            if (validation > bestValidation) {
                bestValidation = validation;
                chosenSingle = m - 1;
            }
            EvaluationFigures held = Evaluator.Evaluation.of(truth, onHoldout.get(m - 1)).figures();
            System.out.printf(Locale.ROOT, "%-22s validation fold %d: macro F1 %.3f, head macro F1 mask %.3f gender "
                    + "%.3f age %.3f | hold-out macro F1 %.3f, head macro F1 mask %.3f gender %.3f age %.3f%n",
                    model.getFileName(), validationFold, validation, heads.get("mask"), heads.get("gender"),
                    heads.get("age"), held.macroF1(), held.heads().get("mask").macroF1(),
                    held.heads().get("gender").macroF1(), held.heads().get("age").macroF1());
        }
        Map<String, Integer> winners = PerHeadChoice.winners(headFigures);
        Map<String, ArtifactRef> chosen = new LinkedHashMap<>();
        winners.forEach((head, m) -> chosen.put(head, refs.get(m)));
        Ensemble ensemble = Ensemble.perHead(size, chosen);
        List<float[][]> members = ensemble.members().stream().map(r -> onHoldout.get(refs.indexOf(r))).toList();
        float[][] perHead = ensemble.combine(members);
        EvaluationFigures figures = Evaluator.Evaluation.of(truth, perHead).figures();
        System.out.printf(Locale.ROOT, "per-head: mask from %s, gender from %s, age from %s%n",
                chosen.get("mask").key(), chosen.get("gender").key(), chosen.get("age").key());
        System.out.printf(Locale.ROOT, "hold-out macro F1: per-head ensemble %.3f (head macro F1 mask %.3f gender %.3f "
                + "age %.3f); soft vote %.3f; 'best' (%s) %.3f%n", figures.macroF1(),
                figures.heads().get("mask").macroF1(), figures.heads().get("gender").macroF1(),
                figures.heads().get("age").macroF1(), Evaluator.Evaluation.of(truth, Votes.soft(onHoldout)).figures()
                        .macroF1(), refs.get(chosenSingle).key(), Evaluator.Evaluation.of(truth,
                        onHoldout.get(chosenSingle)).figures().macroF1());
        bootstrap(holdout, perHead, onHoldout.get(chosenSingle));
    }

    /** The per-head ensemble's macro F1 minus the chosen single model's, over resamples of the hold-out persons. */
    private static void bootstrap(List<ShardRecord> holdout, float[][] ensemble, float[][] single) {
        Map<Integer, List<Integer>> byPerson = new LinkedHashMap<>();
        for (int i = 0; i < holdout.size(); i++) {
            byPerson.computeIfAbsent(holdout.get(i).person(), k -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> persons = new ArrayList<>(byPerson.values());
        Random random = new Random(1);
        double[] differences = new double[1000];
        int ensembleAhead = 0;
        for (int b = 0; b < differences.length; b++) {
            List<Integer> rows = new ArrayList<>();
            for (int k = 0; k < persons.size(); k++) {
                rows.addAll(persons.get(random.nextInt(persons.size())));
            }
            int[] truth = rows.stream().mapToInt(i -> holdout.get(i).label()).toArray();
            double e = Evaluator.Evaluation.of(truth, rows.stream().map(i -> ensemble[i]).toArray(float[][]::new))
                    .figures().macroF1();
            double s = Evaluator.Evaluation.of(truth, rows.stream().map(i -> single[i]).toArray(float[][]::new))
                    .figures().macroF1();
            differences[b] = e - s;
            ensembleAhead += e > s ? 1 : 0;
        }
        Arrays.sort(differences);
        System.out.printf(Locale.ROOT, "per-head minus 'best' over %d bootstrap resamples of the %d hold-out persons: "
                + "median %+.3f, 5-95 %% range %+.3f to %+.3f; the ensemble ahead in %.1f %% of them%n",
                differences.length, persons.size(), differences[differences.length / 2],
                differences[differences.length / 20], differences[differences.length * 19 / 20],
                100.0 * ensembleAhead / differences.length);
    }
}
