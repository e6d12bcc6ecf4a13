package io.maskflow.preprocess.dataset;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What validation found: counts, and every problem with the item it names. Written as {@code report.json} and,
 * for people, as {@code report.txt} ({@link #summary()}).
 *
 * @param crop the crop used ({@code centre} or {@code face})
 * @param faceFallbacks with {@code crop=face}, the images in which no face was found, so the centre crop was used
 *     (they are kept; {@code fallbackImages} names them, sorted)
 */
public record ValidationReport(List<String> sources, int csvRows, int persons, int images, int excludedImages,
        Map<Issue.Kind, Integer> counts, List<Issue> issues, String crop, int faceFallbacks,
        List<String> fallbackImages) {

    public static ValidationReport of(List<String> sources, int csvRows, int persons, int images,
            int excludedImages, List<Issue> issues) {
        return of(sources, csvRows, persons, images, excludedImages, issues, "centre", List.of());
    }

    public static ValidationReport of(List<String> sources, int csvRows, int persons, int images,
            int excludedImages, List<Issue> issues, String crop, List<String> fallbackImages) {
        Map<Issue.Kind, Integer> counts = new EnumMap<>(Issue.Kind.class);
        issues.forEach(i -> counts.merge(i.kind(), 1, Integer::sum));
        List<String> fallbacks = fallbackImages.stream().sorted().toList();
        return new ValidationReport(sources, csvRows, persons, images, excludedImages, counts, List.copyOf(issues),
                crop, fallbacks.size(), fallbacks);
    }

    /** A readable summary: the totals, then the problems by kind, each item named. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append("data set: ").append(String.join(" + ", sources)).append('\n');
        text.append(String.format("train.csv rows %d, persons used %d, images used %d, images left out %d%n",
                csvRows, persons, images, excludedImages));
        if ("face".equals(crop)) {
            text.append(String.format("crop face: %d image(s) cropped to a face, %d without a face found got the "
                    + "centre crop%n", images - faceFallbacks, faceFallbacks));
            fallbackImages.stream().limit(20).forEach(i -> text.append("      ").append(i).append('\n'));
            if (faceFallbacks > 20) {
                text.append("      ... and ").append(faceFallbacks - 20).append(" more (report.json has all)\n");
            }
        }
        if (issues.isEmpty()) {
            text.append("no problems found\n");
            return text.toString();
        }
        text.append(issues.size()).append(" problem(s):\n");
        counts.forEach((kind, n) -> {
            text.append(String.format("  %-20s %d%n", kind.name().toLowerCase(Locale.ROOT).replace('_', ' '), n));
            issues.stream().filter(i -> i.kind() == kind).limit(20).forEach(i -> text.append("      ")
                    .append(i.item()).append(": ").append(i.detail()).append('\n'));
            if (n > 20) {
                text.append("      ... and ").append(n - 20).append(" more (report.json has all)\n");
            }
        });
        return text.toString();
    }
}
