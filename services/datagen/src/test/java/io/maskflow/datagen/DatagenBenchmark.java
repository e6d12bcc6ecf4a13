package io.maskflow.datagen;

import io.maskflow.contracts.params.DatagenParams;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.datagen.dataset.PhotoSet;
import io.maskflow.datagen.masks.MaskType;
import io.maskflow.datagen.people.Person;
import io.maskflow.datagen.people.PersonFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How fast one core makes 384 x 512 training photos, beside how fast the JPEG encoder alone turns the same
 * pictures into files. Drawing a photo (face, mask, light) should cost no more than encoding it.
 *
 * <p>Run: {@code mvn -q -pl services/datagen test-compile exec:java
 * -Dexec.mainClass=io.maskflow.datagen.DatagenBenchmark [-Dexec.args="persons rounds styles"]} (styles
 * {@code classic}, the default, {@code snapshot}, {@code studio}, {@code sculpted}, {@code inked}, {@code painted} or
 * {@code mixed}, or several separated by commas: they then take turns round by round and the generation rate of each
 * is also given relative to the first's in the same round; each photo is encoded at its style's JPEG quality)
 */
public final class DatagenBenchmark {

    private DatagenBenchmark() {
    }

    public static void main(String[] args) {
        int persons = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        List<String> styles = List.of((args.length > 2 ? args[2] : "classic").split(","));
        int n = styles.size();
        PersonFactory[] factories = new PersonFactory[n];
        PhotoSet photos = new PhotoSet(DatagenParams.DEFAULTS.width(), DatagenParams.DEFAULTS.height(),
                List.of(MaskType.values()));
        for (int s = 0; s < n; s++) {
            factories[s] = new PersonFactory(StepParameters.bind(Map.of("style", styles.get(s)),
                    DatagenParams.DEFAULTS));
        }

        // warm up every path until the JIT has compiled them
        for (int round = 0; round < 4; round++) {
            for (PersonFactory factory : factories) {
                encode(draw(factory, photos, 1_000 + round * persons, persons));
            }
        }

        // the styles take turns round by round, so a change of the machine's load falls on all of them alike
        double[][] drawRate = new double[n][rounds];
        double[][] encodeRate = new double[n][rounds];
        double[][] totalRate = new double[n][rounds];
        for (int round = 0; round < rounds; round++) {
            int first = (round + 1) * persons;
            for (int s = 0; s < n; s++) {
                long t0 = System.nanoTime();
                List<PhotoSet.Photo> images = draw(factories[s], photos, first, persons);
                long t1 = System.nanoTime();
                encode(images);
                long t2 = System.nanoTime();
                drawRate[s][round] = images.size() / ((t1 - t0) / 1e9);
                encodeRate[s][round] = images.size() / ((t2 - t1) / 1e9);
                totalRate[s][round] = images.size() / ((t2 - t0) / 1e9);
            }
        }
        for (int s = 0; s < n; s++) {
            double[] ratio = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                ratio[round] = encodeRate[s][round] / drawRate[s][round];
            }
            System.out.printf("datagen benchmark, style %s: %d x %d photos, one thread, %d rounds of %d images; "
                    + "median [lowest - highest] of the rounds%n", styles.get(s), DatagenParams.DEFAULTS.width(),
                    DatagenParams.DEFAULTS.height(), rounds, persons * 7);
            System.out.printf("  drawing (face, mask, light)       %s images/s per core%n",
                    spread(drawRate[s], "%.1f"));
            System.out.printf("  JPEG encoding of the same images  %s images/s per core%n",
                    spread(encodeRate[s], "%.1f"));
            System.out.printf("  generation, drawing + encoding    %s images/s per core%n",
                    spread(totalRate[s], "%.1f"));
            System.out.printf("  drawing cost / encoding cost      %s  (per round; goal: at most 1.0)%n",
                    spread(ratio, "%.2f"));
        }
        for (int s = 1; s < n; s++) {
            double[] relative = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                relative[round] = totalRate[s][round] / totalRate[0][round];
            }
            System.out.printf("  generation rate of %s / %s, same round: %s%n", styles.get(s), styles.get(0),
                    spread(relative, "%.2f"));
        }
    }

    private static List<PhotoSet.Photo> draw(PersonFactory factory, PhotoSet photos, int first, int count) {
        List<PhotoSet.Photo> images = new ArrayList<>(count * 7);
        for (int i = first; i < first + count; i++) {
            SplittableRandom random = factory.randomFor(i);
            Person person = factory.make(i, random);
            images.addAll(photos.shootAll(person, random).values());
        }
        return images;
    }

    private static long encode(List<PhotoSet.Photo> images) {
        long bytes = 0;
        for (PhotoSet.Photo image : images) {
            bytes += image.jpeg().length;
        }
        return bytes;
    }

    /** "median [lowest - highest]" of the values. */
    private static String spread(double[] values, String format) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return String.format(java.util.Locale.ROOT, format + " [" + format + " - " + format + "]", median,
                sorted[0], sorted[n - 1]);
    }
}
