package io.maskflow.datagen.people;

import io.maskflow.contracts.labels.AgeBands;
import io.maskflow.contracts.labels.Gender;
import io.maskflow.contracts.labels.Mask;
import io.maskflow.contracts.params.DatagenParams;
import io.maskflow.datagen.dataset.PhotoSet;
import io.maskflow.datagen.masks.MaskState;
import io.maskflow.datagen.masks.MaskType;
import io.maskflow.datagen.render.DrawingStyle;
import io.maskflow.vision.metrics.ClassificationMetrics;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * How well could any image model do on the generator's data? An oracle is handed each person's drawing values (the
 * {@link Appearance} the style's own sampler returns) instead of pixels, and the Bayes rule for gender and age group
 * is estimated from them. Scored per photo with a perfect mask head, it gives the ceiling of the task's metric (macro
 * F1 over the 18 classes) for that generator, beside the oracle's gender and age-group accuracy.
 *
 * <p>How: in both samplers every cue has its own random draws, so given gender, age and {@code ageing} the cues are
 * independent. Gender-only cues (hair style, brows, face width, earrings, ...) get one histogram per gender; cues that
 * also move with {@code ageing} (jaw, nose, classic lip colour and fullness) a 2-D histogram per gender over the cue
 * and {@code ageing}; cues that read the age itself (facial hair in the snapshot style, under or from 35; a receding
 * hairline, men over 38 / 35 with odds rising with ageing) a table per gender and age. {@code ageing} and greying are
 * histograms per age (100 bins in (0, 1) plus exactly 0 and exactly 1, the clamped values). Greying is not in the
 * appearance: it is read back from the hair colour, {@code mix(base, grey, greying)}, with the base colours and the
 * grey learnt from the sampler at ages 18 and 100. Cues that depend on {@code ageing} alone (skin, eye size, face
 * length, glasses, age spots, skin texture, snapshot lip fullness and lips without lipstick) say nothing more once
 * {@code ageing} is known and are left out; so do the label-free ones (colours, background, pose, camera, mask).
 * The histograms are trained on draws of the real sampler for every gender and age 18..80
 * ({@code trainPerCell} each); the prior is counted from draws of {@link Demographics}. The posterior over
 * (gender, age) gives the gender and age-group answers (arg max of each marginal) and, for the F1-tuned line, the six
 * gender x age-group posteriors times one weight each per photo type, the weights fitted on a separate sample.
 *
 * <p>Test persons are made as the generator makes them ({@link PersonFactory#make}, then {@link PhotoSet#plan} for
 * the incorrect mask's state); each gives seven photos: five worn, one incorrect, one without a mask. Two readings of
 * what a photo shows: {@code docs} (docs/datagen.md: a worn mask hides the nose, lips and lipstick, jaw, facial
 * hair and cheeks (blush); an incorrect mask below the nose hides lips, jaw and facial hair, one on the mouth only
 * hides the lips, one on the chin hides the jaw) and {@code all} (every cue in every photo: also the ceiling for a
 * model that links a person's seven photos, and safe against cues that leak past the mask, such as the mask's
 * outline, which is fitted to the jaw's landmarks).
 *
 * <p>Run: {@code mvn -o -q -pl services/datagen test-compile} then {@code mvn -o -q -pl services/datagen exec:java
 * -Dexec.mainClass=io.maskflow.datagen.people.LabelCeilingBenchmark -Dexec.classpathScope=test
 * [-Dexec.args="testPersons trainPerCell seeds styles"]} (defaults 100000, 10000, 5, classic,snapshot,mixed; the
 * F1 weights are fitted on testPersons / 2 further persons; about four minutes on two busy cores). Each figure is the
 * median over the seeds with the lowest and highest in brackets.
 */
public final class LabelCeilingBenchmark {

    private static final int FIRST_AGE = 18;
    private static final int LAST_AGE = 80;
    private static final int AGES = LAST_AGE - FIRST_AGE + 1;
    private static final int CELLS = 2 * AGES;
    /** Bins of {@code ageing} for the cues that move with it, and for the receding hairline's odds. */
    private static final int FINE = 20;
    private static final int COARSE = 10;
    /** Add-alpha smoothing of every histogram. */
    private static final double ALPHA = 0.5;

    /** Face regions a mask can hide (bits); OPEN cues show in every photo. */
    private static final int OPEN = 0;
    private static final int NOSE = 1;
    private static final int MOUTH = 2;
    private static final int JAW = 4;
    private static final int BEARD = 8;
    private static final int CHEEKS = 16;
    private static final String[] MODES = {"docs", "all"};
    private static final String[] FIGURES = {"gender acc", "age acc", "recall <30", "recall 30-59", "recall 60+",
        "F1 arg max", "F1 tuned"};

    /** What a cue's odds depend on in the sampler's code, i.e. what its histogram is kept per. */
    private enum Dep { AGE, GENDER, GENDER_AGE, GENDER_AGEING, GENDER_AGE_AGEING }

    private record Cue(String name, Dep dep, int region, int bins, ToDoubleFunction<Appearance> value) {
    }

    /** Demographics of one block of results. */
    private record Variant(String title, int maxAge) {
    }

    private LabelCeilingBenchmark() {
    }

    public static void main(String[] args) {
        int persons = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int perCell = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int seeds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        List<String> styles = List.of((args.length > 3 ? args[3] : "classic,snapshot,mixed").split(","));
        int tune = Math.max(1_000, persons / 2);
        long start = System.nanoTime();
        List<Variant> variants = List.of(
                new Variant("competition demographics, ages 18-60 (the default: \"60+\" is only age 60, as in the"
                        + " real train.csv)", 60),
                new Variant("competition demographics, ages 18-80 (contrast: ages 61-80 join the 60+ group)", 80));
        System.out.printf(Locale.ROOT, "Label ceiling: oracle on drawing values; %d test persons (x7 photos) per"
                + " run, %d tuning persons, %d draws per gender x age for training (ages %d-%d), %d seeds%n",
                persons, tune, perCell, FIRST_AGE, LAST_AGE, seeds);
        System.out.println("cues docs: worn mask hides nose, lips/lipstick, jaw, facial hair, blush; incorrect: below"
                + " nose hides lips, jaw, facial hair; mouth only hides lips; chin hides jaw. all: nothing hidden.");
        Map<String, Model> models = new HashMap<>();
        double[][][][][] results = new double[variants.size()][styles.size()][MODES.length][FIGURES.length][seeds];
        for (int k = 0; k < seeds; k++) {
            long seed = 1 + k;
            models.put("classic", Model.train(DrawingStyle.CLASSIC, perCell, seed * 7919, k == 0));
            models.put("snapshot", Model.train(DrawingStyle.SNAPSHOT, perCell, seed * 7919 + 1, k == 0));
            for (int v = 0; v < variants.size(); v++) {
                double[] prior = prior(variants.get(v).maxAge(), seed);
                for (int s = 0; s < styles.size(); s++) {
                    double[][] run = score(styles.get(s), variants.get(v).maxAge(), seed, persons, tune, models,
                            prior);
                    for (int m = 0; m < MODES.length; m++) {
                        for (int f = 0; f < FIGURES.length; f++) {
                            results[v][s][m][f][k] = run[m][f];
                        }
                    }
                }
            }
            System.out.printf(Locale.ROOT, "seed %d done, %.0f s%n", seed, (System.nanoTime() - start) / 1e9);
        }
        for (int v = 0; v < variants.size(); v++) {
            System.out.println();
            System.out.println("== " + variants.get(v).title());
            StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-9s %-5s", "style", "cues"));
            for (String figure : FIGURES) {
                head.append(String.format(Locale.ROOT, " %-21s", figure));
            }
            System.out.println(head.toString().stripTrailing());
            for (int s = 0; s < styles.size(); s++) {
                for (int m = 0; m < MODES.length; m++) {
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-9s %-5s", styles.get(s),
                            MODES[m]));
                    for (int f = 0; f < FIGURES.length; f++) {
                        double[] x = results[v][s][m][f].clone();
                        Arrays.sort(x);
                        line.append(String.format(Locale.ROOT, " %.4f (%.4f-%.4f)", x[x.length / 2], x[0],
                                x[x.length - 1]));
                    }
                    System.out.println(line);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%ntotal %.0f s%n", (System.nanoTime() - start) / 1e9);
    }

    /** The cues of one style, as the style's sampler draws them (see the class comment for what is left out). */
    private static List<Cue> cues(DrawingStyle style, ToDoubleFunction<Appearance> greying) {
        List<Cue> cues = new ArrayList<>(List.of(
                new Cue("ageing", Dep.AGE, OPEN, 100, Appearance::ageing),
                new Cue("greying", Dep.AGE, OPEN, 100, greying),
                new Cue("receding hairline", Dep.GENDER_AGE_AGEING, OPEN, 2, a -> a.hairline() > 0 ? 1 : 0),
                new Cue("facial hair", Dep.GENDER_AGE, BEARD, 16, a -> a.facialHair()),
                new Cue("hair style", Dep.GENDER, OPEN, 16, a -> a.hairStyle()),
                new Cue("brow thickness", Dep.GENDER, OPEN, 40, Appearance::browThickness),
                new Cue("brow arch", Dep.GENDER, OPEN, 40, Appearance::browArch),
                new Cue("face width", Dep.GENDER, OPEN, 40, Appearance::faceWidth),
                new Cue("earrings", Dep.GENDER, OPEN, 2, a -> a.earrings() ? 1 : 0),
                new Cue("jaw", Dep.GENDER_AGEING, JAW, 30, Appearance::jaw),
                new Cue("nose width", Dep.GENDER_AGEING, NOSE, 30, Appearance::noseWidth)));
        if (style == DrawingStyle.CLASSIC) {
            cues.add(new Cue("lip saturation", Dep.GENDER_AGEING, MOUTH, 30,
                    a -> Color.RGBtoHSB(a.lipColor().getRed(), a.lipColor().getGreen(), a.lipColor().getBlue(),
                            null)[1]));
            cues.add(new Cue("lip fullness", Dep.GENDER_AGEING, MOUTH, 30, Appearance::lipFullness));
        } else {
            cues.add(new Cue("face shape", Dep.GENDER, OPEN, 16, a -> a.look().faceShape()));
            cues.add(new Cue("clothing", Dep.GENDER, OPEN, 16, a -> a.collar()));
            cues.add(new Cue("blush", Dep.GENDER, CHEEKS, 40, a -> a.look().blush()));
            cues.add(new Cue("lipstick", Dep.GENDER, MOUTH, 2, a -> a.look().lipstick() ? 1 : 0));
        }
        return cues;
    }

    /**
     * Greying read back from the hair colour: the sampler paints {@code mix(base, grey, greying)}, so the base colours
     * are the frequent colours at 18 (greying is almost always 0 there) and the grey is the colour at 100 (always 1).
     * For a colour, the base whose line to the grey passes closest gives greying as the position along that line.
     */
    private static ToDoubleFunction<Appearance> greying(DrawingStyle style, boolean print) {
        SplittableRandom r = new SplittableRandom(11);
        int n = 20_000;
        Map<Integer, Integer> young = new HashMap<>();
        Map<Integer, Integer> old = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Gender gender = Gender.of(i % 2);
            young.merge(style.appearance(gender, 18, r).hairColor().getRGB(), 1, Integer::sum);
            old.merge(style.appearance(gender, 100, r).hairColor().getRGB(), 1, Integer::sum);
        }
        int[] bases = young.entrySet().stream().filter(e -> e.getValue() > n / 50).mapToInt(Map.Entry::getKey)
                .toArray();
        Color grey = new Color(old.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey());
        if (print) {
            System.out.printf(Locale.ROOT, "%s hair: %d base colours (seen at 18), grey %d/%d/%d (seen at 100)%n",
                    style.id(), bases.length, grey.getRed(), grey.getGreen(), grey.getBlue());
        }
        double[] g = {grey.getRed(), grey.getGreen(), grey.getBlue()};
        return a -> {
            Color c = a.hairColor();
            double[] x = {c.getRed(), c.getGreen(), c.getBlue()};
            double best = Double.MAX_VALUE;
            double t = 0;
            for (int rgb : bases) {
                Color b = new Color(rgb);
                double[] o = {b.getRed(), b.getGreen(), b.getBlue()};
                double dot = 0;
                double len = 0;
                for (int i = 0; i < 3; i++) {
                    dot += (x[i] - o[i]) * (g[i] - o[i]);
                    len += (g[i] - o[i]) * (g[i] - o[i]);
                }
                double along = Math.max(0, Math.min(1, dot / len));
                double miss = 0;
                for (int i = 0; i < 3; i++) {
                    double d = x[i] - o[i] - along * (g[i] - o[i]);
                    miss += d * d;
                }
                if (miss < best) {
                    best = miss;
                    t = along;
                }
            }
            return t;
        };
    }

    /** One cue's histograms: counts per key (gender, age or ageing bin, as its dependence says), then log odds. */
    private static final class Estimator {
        private final Cue cue;
        private double lo = Double.POSITIVE_INFINITY;
        private double hi = Double.NEGATIVE_INFINITY;
        private double[][] table;

        Estimator(Cue cue) {
            this.cue = cue;
        }

        void widen(double v) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }

        /** The lowest and highest values seen (often clamp bounds, with odds of their own) get bins of their own. */
        int bin(double v) {
            if (v <= lo) {
                return 0;
            }
            if (v >= hi) {
                return cue.bins() + 1;
            }
            return 1 + Math.min(cue.bins() - 1, (int) ((v - lo) / (hi - lo) * cue.bins()));
        }

        int key(int g, int a, double ageing) {
            return switch (cue.dep()) {
                case AGE -> a;
                case GENDER -> g;
                case GENDER_AGE -> g * AGES + a;
                case GENDER_AGEING -> g * FINE + Math.min(FINE - 1, (int) (ageing * FINE));
                case GENDER_AGE_AGEING -> (g * AGES + a) * COARSE + Math.min(COARSE - 1, (int) (ageing * COARSE));
            };
        }

        void count(int g, int a, Appearance ap) {
            if (table == null) {
                int keys = switch (cue.dep()) {
                    case AGE -> AGES;
                    case GENDER -> 2;
                    case GENDER_AGE -> CELLS;
                    case GENDER_AGEING -> 2 * FINE;
                    case GENDER_AGE_AGEING -> CELLS * COARSE;
                };
                table = new double[keys][cue.bins() + 2];
            }
            table[key(g, a, ap.ageing())][bin(cue.value().applyAsDouble(ap))]++;
        }

        void finish() {
            for (double[] row : table) {
                double n = Arrays.stream(row).sum() + ALPHA * row.length;
                for (int i = 0; i < row.length; i++) {
                    row[i] = Math.log((row[i] + ALPHA) / n);
                }
            }
        }

        /** log P(this cue's value | gender, age, ageing) for every (gender, age) cell. */
        double[] terms(Appearance ap) {
            double[] out = new double[CELLS];
            int b = bin(cue.value().applyAsDouble(ap));
            for (int g = 0; g < 2; g++) {
                for (int a = 0; a < AGES; a++) {
                    out[g * AGES + a] = table[key(g, a, ap.ageing())][b];
                }
            }
            return out;
        }
    }

    /** The estimated likelihoods of one style's cues. */
    private record Model(List<Estimator> estimators) {

        /** Trains on {@code perCell} draws of the style's sampler per gender and age (two passes: range, counts). */
        static Model train(DrawingStyle style, int perCell, long seed, boolean print) {
            List<Estimator> estimators = cues(style, greying(style, print)).stream().map(Estimator::new).toList();
            for (int pass = 0; pass < 2; pass++) {
                SplittableRandom r = new SplittableRandom(seed);
                for (int g = 0; g < 2; g++) {
                    for (int a = 0; a < AGES; a++) {
                        for (int i = 0; i < perCell; i++) {
                            Appearance ap = style.appearance(Gender.of(g), FIRST_AGE + a, r);
                            for (Estimator e : estimators) {
                                if (pass == 0) {
                                    e.widen(e.cue.value().applyAsDouble(ap));
                                } else {
                                    e.count(g, a, ap);
                                }
                            }
                        }
                    }
                }
            }
            estimators.forEach(Estimator::finish);
            return new Model(estimators);
        }

        double[][] terms(Appearance ap) {
            double[][] terms = new double[estimators.size()][];
            for (int c = 0; c < terms.length; c++) {
                terms[c] = estimators.get(c).terms(ap);
            }
            return terms;
        }

        /** The six gender x age-group posteriors of a photo that hides {@code hidden}, written at {@code out[at..]}. */
        void posterior(double[][] terms, int hidden, double[] prior, float[] out, int at) {
            double[] lp = prior.clone();
            for (int c = 0; c < terms.length; c++) {
                if ((estimators.get(c).cue.region() & hidden) == 0) {
                    for (int i = 0; i < CELLS; i++) {
                        lp[i] += terms[c][i];
                    }
                }
            }
            double max = Arrays.stream(lp).max().orElseThrow();
            double[] group = new double[6];
            double sum = 0;
            for (int i = 0; i < CELLS; i++) {
                double p = Math.exp(lp[i] - max);
                group[3 * (i / AGES) + AgeBands.COMPETITION.groupOf(FIRST_AGE + i % AGES).value()] += p;
                sum += p;
            }
            for (int k = 0; k < 6; k++) {
                out[at + k] = (float) (group[k] / sum);
            }
        }
    }

    /** log P(gender) + log P(age) per cell, counted from two million draws of the generator's demographics. */
    private static double[] prior(int maxAge, long seed) {
        Demographics demographics = new Demographics(DatagenParams.Demographics.COMPETITION, FIRST_AGE, maxAge);
        SplittableRandom r = new SplittableRandom(seed * 31 + maxAge);
        int n = 2_000_000;
        double[] gender = new double[2];
        double[] age = new double[AGES];
        for (int i = 0; i < n; i++) {
            gender[demographics.gender(r).value()]++;
            age[demographics.age(r) - FIRST_AGE]++;
        }
        double[] prior = new double[CELLS];
        for (int i = 0; i < CELLS; i++) {
            prior[i] = Math.log(gender[i / AGES] / n) + Math.log(age[i % AGES] / n);
        }
        return prior;
    }

    /** Regions a photo hides under the docs' reading (mode 0); mode 1 hides nothing. */
    private static int hidden(int mode, MaskState state) {
        if (mode == 1 || state == null) {
            return 0;
        }
        return switch (state) {
            case CORRECT -> NOSE | MOUTH | JAW | BEARD | CHEEKS;
            case NOSE_EXPOSED -> MOUTH | JAW | BEARD;
            case MOUTH_ONLY -> MOUTH;
            case CHIN_ONLY -> JAW;
        };
    }

    /**
     * One run: makes the test and tuning persons of {@code style} as the generator does and answers, per cue
     * reading, {gender acc, age acc, recall of the three age groups, macro F1 with arg max answers, macro F1 with
     * tuned weights}.
     */
    private static double[][] score(String style, int maxAge, long seed, int persons, int tune,
            Map<String, Model> models, double[] prior) {
        DatagenParams params = DatagenParams.builder().style(DatagenParams.Style.valueOf(style.toUpperCase(
                Locale.ROOT))).maxAge(maxAge).seed(seed).build();
        PersonFactory factory = new PersonFactory(params);
        PhotoSet photos = new PhotoSet(params.width(), params.height(),
                params.maskTypes().stream().map(MaskType::fromId).toList());
        int n = persons + tune;
        int[] truth = new int[n];
        // post[mode][row]: per person the six group posteriors of the photo of that row (worn, incorrect, none)
        float[][][] post = new float[MODES.length][3][n * 6];
        for (int i = 0; i < n; i++) {
            SplittableRandom random = factory.randomFor(i);
            Person person = factory.make(i, random);
            MaskState incorrect = null;
            for (PhotoSet.Shot shot : photos.plan(person, random)) {
                if (Mask.fromFileName(shot.stem()) == Mask.INCORRECT) {
                    incorrect = shot.state();
                }
            }
            truth[i] = 3 * person.gender().value() + AgeBands.COMPETITION.groupOf(person.age()).value();
            Model model = models.get(person.appearance().look() == null ? "classic" : "snapshot");
            double[][] terms = model.terms(person.appearance());
            MaskState[] states = {MaskState.CORRECT, incorrect, null};
            for (int m = 0; m < MODES.length; m++) {
                for (int row = 0; row < 3; row++) {
                    model.posterior(terms, hidden(m, states[row]), prior, post[m][row], i * 6);
                }
            }
        }
        double[][] out = new double[MODES.length][];
        for (int m = 0; m < MODES.length; m++) {
            out[m] = figures(truth, post[m], persons, tune);
        }
        return out;
    }

    /** The figures of one cue reading: persons 0..persons-1 are scored, the next {@code tune} fit the F1 weights. */
    private static double[] figures(int[] truth, float[][] post, int persons, int tune) {
        int[] copies = {5, 1, 1};
        int photos = 7 * persons;
        int[] trueClass = new int[photos];
        int[] argMax = new int[photos];
        int[] tuned = new int[photos];
        double genderRight = 0;
        double ageRight = 0;
        double[] ageSeen = new double[3];
        double[] ageHit = new double[3];
        int at = 0;
        for (int row = 0; row < 3; row++) {
            double[] w = fitWeights(truth, post[row], persons, tune);
            for (int i = 0; i < persons; i++) {
                float[] p = post[row];
                int o = i * 6;
                int gender = p[o] + p[o + 1] + p[o + 2] >= p[o + 3] + p[o + 4] + p[o + 5] ? 0 : 1;
                int age = 0;
                for (int a = 1; a < 3; a++) {
                    if (p[o + a] + p[o + 3 + a] > p[o + age] + p[o + 3 + age]) {
                        age = a;
                    }
                }
                int trueAge = truth[i] % 3;
                int pick = decide(p, o, w);
                for (int c = 0; c < copies[row]; c++) {
                    trueClass[at] = 6 * row + truth[i];
                    argMax[at] = 6 * row + 3 * gender + age;
                    tuned[at++] = 6 * row + pick;
                    genderRight += gender == truth[i] / 3 ? 1 : 0;
                    ageRight += age == trueAge ? 1 : 0;
                    ageSeen[trueAge]++;
                    ageHit[trueAge] += age == trueAge ? 1 : 0;
                }
            }
        }
        return new double[] {genderRight / photos, ageRight / photos, ageHit[0] / ageSeen[0], ageHit[1] / ageSeen[1],
            ageHit[2] / ageSeen[2], ClassificationMetrics.macroF1(trueClass, argMax),
            ClassificationMetrics.macroF1(trueClass, tuned)};
    }

    private static int decide(float[] p, int o, double[] w) {
        int best = 0;
        for (int k = 1; k < 6; k++) {
            if (w[k] * p[o + k] > w[best] * p[o + best]) {
                best = k;
            }
        }
        return best;
    }

    /**
     * Weights of the six group posteriors of one photo type that maximise the sum of the six classes' F1 on the
     * tuning persons (coordinate ascent over a grid of log weights). The rows' classes are disjoint with a perfect
     * mask head, so fitting each row alone maximises the macro F1.
     */
    private static double[] fitWeights(int[] truth, float[] p, int from, int count) {
        double[] w = {1, 1, 1, 1, 1, 1};
        double best = rowF1(truth, p, from, count, w);
        for (int pass = 0; pass < 3; pass++) {
            for (int k = 0; k < 6; k++) {
                double keep = w[k];
                for (int step = -12; step <= 12; step++) {
                    w[k] = Math.exp(step * 0.25);
                    double f1 = rowF1(truth, p, from, count, w);
                    if (f1 > best + 1e-12) {
                        best = f1;
                        keep = w[k];
                    }
                }
                w[k] = keep;
            }
        }
        return w;
    }

    private static double rowF1(int[] truth, float[] p, int from, int count, double[] w) {
        int[] tp = new int[6];
        int[] fp = new int[6];
        int[] fn = new int[6];
        for (int i = from; i < from + count; i++) {
            int pick = decide(p, i * 6, w);
            if (pick == truth[i]) {
                tp[pick]++;
            } else {
                fp[pick]++;
                fn[truth[i]]++;
            }
        }
        double sum = 0;
        for (int k = 0; k < 6; k++) {
            int d = 2 * tp[k] + fp[k] + fn[k];
            sum += d == 0 ? 0 : 2.0 * tp[k] / d;
        }
        return sum;
    }
}
