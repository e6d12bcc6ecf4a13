package io.maskflow.preprocess.dataset;

import io.maskflow.contracts.dataset.CompetitionLayout;
import io.maskflow.contracts.dataset.CsvRows;
import io.maskflow.contracts.dataset.PersonRecord;
import io.maskflow.contracts.labels.Mask;
import io.maskflow.preprocess.dataset.Issue.Kind;
import io.maskflow.preprocess.source.DatasetSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ObjIntConsumer;

/**
 * Reads {@code train/train.csv} and the image folders of one data set and checks them against each other without
 * stopping at the first problem: every bad row, folder and file is reported as an {@link Issue} and left out,
 * and the rest goes on.
 */
public final class DatasetScanner {

    /** Optional face boxes: {@code path,x,y,width,height} per image, paths relative to the data set's root. */
    public static final String FACES_CSV = "train/faces.csv";
    /** The first line {@link #FACES_CSV} must have (a byte-order mark and blanks around it are allowed). */
    public static final String FACES_HEADER = "path,x,y,width,height";

    /**
     * The persons that can be used, what was wrong, and the face boxes given for some images.
     *
     * @param faceBoxes image path to {x, y, width, height} in the photo's pixels, as seen upright (a JPEG's EXIF
     *     orientation applied)
     */
    public record Scan(List<PersonEntry> persons, List<Issue> issues, int csvRows, Map<String, int[]> faceBoxes) {
    }

    private DatasetScanner() {
    }

    /** Reads a source's train.csv and image folders, and says what does not fit between them. */
    public static Scan scan(DatasetSource source, int sourceIndex) throws IOException {
        List<Issue> issues = new ArrayList<>();
        if (!source.exists(CompetitionLayout.TRAIN_CSV)) {
            throw new IOException(source.name() + " has no " + CompetitionLayout.TRAIN_CSV);
        }
        Map<String, PersonRecord> byFolder = new LinkedHashMap<>();
        int rows = readCsv(source, byFolder, issues);
        List<PersonEntry> persons = new ArrayList<>();
        List<String> files = source.list(CompetitionLayout.TRAIN_IMAGES);
        for (Map.Entry<String, List<String>> folder : folders(files, issues).entrySet()) {
            PersonRecord person = byFolder.remove(CompetitionLayout.sameForm(folder.getKey()));
            if (person == null) {
                issues.add(unknownFolder(folder.getKey()));
                continue;
            }
            disagreement(folder.getKey(), person).ifPresent(issues::add);
            Map<String, String> images = images(folder.getValue(), issues);
            List<String> missing = new ArrayList<>(Arrays.asList(Mask.fileStems()));
            missing.removeAll(images.keySet());
            if (!missing.isEmpty()) {
                issues.add(new Issue(Kind.MISSING_FILES, CompetitionLayout.TRAIN_IMAGES + folder.getKey(),
                        "missing " + missing));
            }
            if (!images.isEmpty()) {
                persons.add(new PersonEntry(sourceIndex, person, images));
            }
        }
        byFolder.keySet().forEach(folder -> issues.add(new Issue(Kind.MISSING_FOLDER,
                CompetitionLayout.TRAIN_IMAGES + folder, "named in train.csv but not there")));
        return new Scan(persons, issues, rows, faceBoxes(source, files, persons, issues));
    }

    /**
     * Reads train.csv into {@code byFolder} (folder to person); a bad row or a repeated folder becomes an issue, a
     * repeated id with another folder is kept (the real data set has one). Returns the number of rows read.
     */
    private static int readCsv(DatasetSource source, Map<String, PersonRecord> byFolder, List<Issue> issues)
            throws IOException {
        String csv = new String(source.read(CompetitionLayout.TRAIN_CSV), StandardCharsets.UTF_8);
        if (!CompetitionLayout.startsWithHeader(csv, CompetitionLayout.TRAIN_HEADER)) {
            throw new IOException(source.name() + CompetitionLayout.TRAIN_CSV + " must start with the header '"
                    + CompetitionLayout.TRAIN_HEADER + "'" + CompetitionLayout.headerHint(csv,
                    CompetitionLayout.TRAIN_HEADER));
        }
        Map<String, String> ids = new TreeMap<>();
        int[] rows = {0};
        eachRow(csv, "train.csv", issues, (cells, line) -> {
            rows[0]++;
            PersonRecord person = CompetitionLayout.trainRow(Arrays.asList(cells));
            String folder = CompetitionLayout.sameForm(person.path());
            if (byFolder.containsKey(folder)) {
                issues.add(new Issue(Kind.DUPLICATE_ID, "train.csv line " + line, "folder " + person.path()
                        + " already on " + ids.get(byFolder.get(folder).id()) + "; this row is left out"));
                return;
            }
            if (ids.containsKey(person.id())) {
                // The real train.csv has this (003397 aged 19 and 20): keep both folders; they share the
                // id, so the split keeps them on one side.
                issues.add(new Issue(Kind.DUPLICATE_ID, "train.csv line " + line, "id " + person.id()
                        + " also on " + ids.get(person.id()) + " with another folder; both are kept and "
                        + "split together"));
            } else {
                ids.put(person.id(), "line " + line);
            }
            byFolder.put(folder, person);
        });
        return rows[0];
    }

    /** The images under train/images by person folder; a file outside a person's folder becomes an issue. */
    private static Map<String, List<String>> folders(List<String> files, List<Issue> issues) {
        Map<String, List<String>> folders = new TreeMap<>();
        for (String path : files) {
            if (CompetitionLayout.isHiddenOrSystem(path)) {
                continue; // .DS_Store, Thumbs.db: what the CLI's upload and a zip input leave out
            }
            String rest = path.substring(CompetitionLayout.TRAIN_IMAGES.length());
            int slash = rest.indexOf('/');
            if (slash <= 0 || rest.indexOf('/', slash + 1) >= 0) {
                issues.add(new Issue(Kind.EXTRA_FILE, path, "not in a person's folder"));
                continue;
            }
            folders.computeIfAbsent(rest.substring(0, slash), f -> new ArrayList<>()).add(path);
        }
        return folders;
    }

    /**
     * The issue of a folder whose name gives another id, gender or age than the train.csv row that names it: the
     * row's labels are used, as before, but no longer without a word. A folder name that is not in the layout's form
     * says nothing here (the row names it, and it is used).
     */
    private static java.util.Optional<Issue> disagreement(String folder, PersonRecord row) {
        PersonRecord named;
        try {
            named = CompetitionLayout.parseFolder(folder);
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
        List<String> differ = new ArrayList<>();
        if (!named.id().equals(row.id())) {
            differ.add("id " + named.id() + " / " + row.id());
        }
        if (named.gender() != row.gender()) {
            differ.add("gender " + named.gender().csvName() + " / " + row.gender().csvName());
        }
        if (named.age() != row.age()) {
            differ.add("age " + named.age() + " / " + row.age());
        }
        return differ.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(new Issue(
                Kind.FOLDER_DISAGREES_WITH_CSV, CompetitionLayout.TRAIN_IMAGES + folder, "the folder's name and its "
                + "train.csv row differ (" + String.join(", ", differ) + "): the row's labels are used"));
    }

    /** The issue of a folder no train.csv row names: a bad folder name, or a good one the CSV leaves out. */
    private static Issue unknownFolder(String folder) {
        try {
            CompetitionLayout.parseFolder(folder);
        } catch (IllegalArgumentException e) {
            return new Issue(Kind.BAD_FOLDER_NAME, CompetitionLayout.TRAIN_IMAGES + folder, e.getMessage());
        }
        return new Issue(Kind.FOLDER_NOT_IN_CSV, CompetitionLayout.TRAIN_IMAGES + folder,
                "no train.csv row names this folder");
    }

    /**
     * Reads the face boxes of {@link #FACES_CSV}, for the photos the persons use. A file whose first line is not
     * {@link #FACES_HEADER} is reported and not used (as a bad {@code cues.csv} is); a row that is malformed, names
     * no photo of a person used for training, or repeats a photo's path is reported with its line and left out.
     *
     * @param files every file under {@code train/images/}
     */
    private static Map<String, int[]> faceBoxes(DatasetSource source, List<String> files, List<PersonEntry> persons,
            List<Issue> issues) throws IOException {
        Map<String, int[]> boxes = new TreeMap<>();
        if (!source.exists(FACES_CSV)) {
            return boxes;
        }
        String csv = new String(source.read(FACES_CSV), StandardCharsets.UTF_8);
        List<String> lines = csv.lines().toList();
        if (!CompetitionLayout.startsWithHeader(csv, FACES_HEADER)) {
            long rows = lines.stream().filter(l -> !l.isBlank()).count();
            issues.add(new Issue(Kind.BAD_CSV_ROW, "faces.csv line 1", "the file must start with the header '"
                    + FACES_HEADER + "', not '" + (lines.isEmpty() ? "" : lines.get(0).strip())
                    + "'; the file is not used (its " + rows + " line(s) are left out, no box is read)"));
            return boxes;
        }
        Set<String> used = new HashSet<>();
        persons.forEach(p -> used.addAll(p.images().values()));
        Map<String, String> byLowerCase = new HashMap<>(); // for the hint of a path written in another case
        used.forEach(u -> byLowerCase.putIfAbsent(u.toLowerCase(Locale.ROOT), u));
        Set<String> listed = new HashSet<>(files);
        Map<String, Integer> lineOf = new HashMap<>();
        eachRow(csv, "faces.csv", issues, (cells, line) -> {
            if (cells.length != 5) {
                throw new IllegalArgumentException("expected " + FACES_HEADER + ", got " + cells.length
                        + " column(s)");
            }
            int[] box = new int[4];
            for (int k = 0; k < 4; k++) {
                box[k] = Integer.parseInt(cells[k + 1].strip());
            }
            if (box[0] < 0 || box[1] < 0 || box[2] < 8 || box[3] < 8) {
                throw new IllegalArgumentException("a box needs x, y >= 0 and a size of at least 8 x 8");
            }
            String path = cells[0].strip();
            if (!used.contains(path)) {
                throw new IllegalArgumentException(noPhoto(path, byLowerCase, listed) + "; the box is left out");
            }
            Integer first = lineOf.putIfAbsent(path, line);
            if (first != null) {
                throw new IllegalArgumentException("a second box for " + path + "; the box of line " + first
                        + " is used");
            }
            boxes.put(path, box);
        });
        return boxes;
    }

    /**
     * Why a face box's path names no photo used for training, with the path probably meant when there is one.
     *
     * @param byLowerCase the photos used, by their path in lower case
     * @param listed every file under {@code train/images/}
     */
    private static String noPhoto(String path, Map<String, String> byLowerCase, Set<String> listed) {
        if (path.isEmpty()) {
            return "the path is empty";
        }
        String root = "paths are relative to the data set's root, e.g. " + CompetitionLayout.TRAIN_IMAGES
                + "<folder>/mask1.jpg";
        if (path.startsWith("/") || path.startsWith("./") || path.contains("\\")) {
            String meant = byLowerCase.get(path.replace('\\', '/').replaceFirst("^(\\./|/)+", "")
                    .toLowerCase(Locale.ROOT));
            return root + ", without a leading '/' or './' and with '/' between folders"
                    + (meant == null ? "" : " (" + meant + ")");
        }
        if (path.startsWith("eval/")) {
            return path + " is an eval image; boxes are read for the training photos only";
        }
        if (listed.contains(path)) {
            return path + " is not a photo used for training (its own issue says why)";
        }
        String meant = byLowerCase.get(path.toLowerCase(Locale.ROOT));
        if (meant == null) {
            meant = byLowerCase.get((CompetitionLayout.TRAIN_IMAGES + path).toLowerCase(Locale.ROOT));
        }
        return "there is no photo " + path + " in the data set" + (meant != null ? " (did you mean " + meant + "?)"
                : path.startsWith(CompetitionLayout.TRAIN_IMAGES) ? "" : "; " + root);
    }

    /**
     * Gives {@code row} the cells and line number (from 1) of each line of a CSV file after its header, blank lines
     * skipped; a row it refuses with an {@link IllegalArgumentException} becomes an issue naming the file's line,
     * and the rest goes on.
     */
    static void eachRow(String csv, String file, List<Issue> issues, ObjIntConsumer<String[]> row) {
        List<CsvRows.Row> rows = CsvRows.parse(csv);
        for (CsvRows.Row each : rows.subList(Math.min(1, rows.size()), rows.size())) {
            try {
                row.accept(each.checked().toArray(String[]::new), each.line());
            } catch (IllegalArgumentException e) {
                issues.add(new Issue(Kind.BAD_CSV_ROW, file + " line " + each.line(), e.getMessage()));
            }
        }
    }

    /**
     * Stem ({@code mask1} .. {@code normal}, lower case) to path for the recognised image files of one folder, whose
     * names are matched in any case; others are reported as extra, as is a second file of one stem (in another case
     * or format: the first in path order is used).
     */
    private static Map<String, String> images(List<String> paths, List<Issue> issues) {
        Map<String, String> images = new TreeMap<>();
        for (String path : paths) {
            String file = path.substring(path.lastIndexOf('/') + 1);
            String stem;
            try {
                CompetitionLayout.imageExtension(file);
                Mask.fromFileName(file);
                stem = file.substring(0, file.lastIndexOf('.')).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                issues.add(new Issue(Kind.EXTRA_FILE, path, e.getMessage()));
                continue;
            }
            if (images.containsKey(stem)) {
                issues.add(new Issue(Kind.EXTRA_FILE, path, "a second " + stem + " image (names are matched in any "
                        + "case, with any of .jpg, .jpeg, .png); " + images.get(stem) + " is used, this duplicate is "
                        + "left out"));
                continue;
            }
            images.put(stem, path);
        }
        return images;
    }
}
