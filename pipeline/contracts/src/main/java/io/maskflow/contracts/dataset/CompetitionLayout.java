package io.maskflow.contracts.dataset;

import io.maskflow.contracts.labels.Gender;
import io.maskflow.contracts.labels.Mask;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file layout of the competition's data set, written and read in one place so that the generator, the
 * preprocessing service and anyone with the real data agree:
 * <pre>
 * train/train.csv                  id,gender,race,age,path
 * train/images/&lt;id&gt;_&lt;gender&gt;_&lt;race&gt;_&lt;age&gt;/  mask1..5, incorrect_mask, normal (.jpg .jpeg .png)
 * eval/info.csv                    ImageID,ans
 * eval/images/&lt;ImageID&gt;
 * </pre>
 */
public final class CompetitionLayout {

    public static final String TRAIN_CSV = "train/train.csv";
    public static final String TRAIN_IMAGES = "train/images/";
    public static final String EVAL_CSV = "eval/info.csv";
    public static final String EVAL_IMAGES = "eval/images/";
    /**
     * A set of bare face photos to put masks on (datagen's {@code mask-faces}): {@code faces/<photo>}, or
     * {@code faces/<id>_<gender>_<race>_<age>/<photo>} when the person's gender and age are known.
     */
    public static final String FACES = "faces/";
    public static final String TRAIN_HEADER = "id,gender,race,age,path";
    public static final String EVAL_HEADER = "ImageID,ans";
    public static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png");
    /**
     * Files Windows Explorer leaves in folders it has shown (thumbnail caches, folder settings), matched in any case:
     * left out of a data set as hidden files are ({@link #isHiddenOrSystem}).
     */
    public static final Set<String> WINDOWS_SYSTEM_FILES = Set.of("thumbs.db", "ehthumbs.db", "desktop.ini");
    /** The folder macOS's Finder adds to a zip for its resource forks. */
    public static final String MACOS_FORKS = "__MACOSX";

    private static final String ID = "[0-9]{6}(?:-[0-9]+)?";
    private static final String GENDER = "male|female";
    private static final String RACE = "[A-Za-z]+";
    private static final String AGE = "[0-9]{1,3}";
    private static final Pattern FOLDER = Pattern.compile("(" + ID + ")_(" + GENDER + ")_(" + RACE + ")_(" + AGE + ")");
    /** The most characters of a folder's part that a message quotes. */
    private static final int SHOWN_PART = 30;

    private CompetitionLayout() {
    }

    /** {@code 000001_female_Asian_45}. */
    public static String folderName(String id, Gender gender, String race, int age) {
        return id + "_" + gender.csvName() + "_" + race + "_" + age;
    }

    /** Parses a folder name; throws with the reasons when it is not in the competition's form. */
    public static PersonRecord parseFolder(String folder) {
        Matcher m = FOLDER.matcher(folder == null ? "" : folder);
        if (!m.matches()) {
            throw new IllegalArgumentException("folder name '" + folder
                    + "' is not <6-digit id>_<male|female>_<race>_<age>: " + String.join(", ", folderProblems(folder)));
        }
        return new PersonRecord(m.group(1), Gender.parse(m.group(2)), m.group(3), Integer.parseInt(m.group(4)),
                folder);
    }

    /**
     * Why a folder name is not a person's in the competition's form, part by part ("the age 'abc' is not a whole
     * number of years"); empty when it is one.
     */
    public static List<String> folderProblems(String folder) {
        String[] parts = (folder == null ? "" : folder).split("_", -1);
        List<String> problems = new ArrayList<>();
        if (parts.length != 4) {
            problems.add("it has " + parts.length + (parts.length == 1 ? " part" : " parts") + ", not 4 joined by '_'");
            return problems;
        }
        check(parts[0], ID, "the id", "is not 6 digits", problems);
        check(parts[1], GENDER, "the gender", "is not male or female (in lower case)", problems);
        check(parts[2], RACE, "the race", "is not letters", problems);
        check(parts[3], AGE, "the age", "is not a whole number of years", problems);
        return problems;
    }

    private static void check(String part, String form, String what, String problem, List<String> problems) {
        if (!part.matches(form)) {
            problems.add(what + " '" + io.maskflow.contracts.Texts.cut(part, SHOWN_PART) + "' " + problem);
        }
    }

    /** The key of one training image, e.g. {@code train/images/000001_female_Asian_45/mask1.jpg}. */
    public static String trainImage(PersonRecord person, String fileStem, String extension) {
        Mask.fromFileName(fileStem);
        return TRAIN_IMAGES + person.path() + "/" + fileStem + "." + extension;
    }

    public static String trainCsvLine(PersonRecord p) {
        return CsvRows.line(p.id(), p.gender().csvName(), p.race(), Integer.toString(p.age()), p.path());
    }

    /** Parses {@code train.csv} ({@link CsvRows}: quoted cells too); a bad line is an error naming its number. */
    public static List<PersonRecord> parseTrainCsv(String csv) {
        List<CsvRows.Row> rows = CsvRows.parse(csv);
        if (rows.isEmpty() || !startsWithHeader(csv, TRAIN_HEADER)) {
            throw new IllegalArgumentException("train.csv must start with the header '" + TRAIN_HEADER + "'");
        }
        List<PersonRecord> persons = new ArrayList<>();
        for (CsvRows.Row row : rows.subList(1, rows.size())) {
            try {
                persons.add(trainRow(row.checked()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("train.csv line " + row.line() + ": " + e.getMessage(), e);
            }
        }
        return persons;
    }

    /**
     * A person of one {@code train.csv} row: five cells, or more when the rest are empty (a spreadsheet's trailing
     * commas); the age a whole number of years, also when written {@code 25.0}.
     */
    public static PersonRecord trainRow(List<String> cells) {
        int columns = cells.size();
        while (columns > 5 && cells.get(columns - 1).isEmpty()) {
            columns--;
        }
        if (columns != 5) {
            throw new IllegalArgumentException("expected the 5 columns " + TRAIN_HEADER + ", got " + columns);
        }
        return new PersonRecord(cells.get(0), Gender.parse(cells.get(1)), cells.get(2), age(cells.get(3)),
                cells.get(4));
    }

    private static int age(String text) {
        try {
            java.math.BigDecimal age = new java.math.BigDecimal(text);
            return age.stripTrailingZeros().scale() <= 0 ? age.intValueExact() : Integer.parseInt(text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("age must be a whole number of years, got '" + text + "'", e);
        }
    }

    public static String evalCsvLine(String imageId, int answer) {
        return CsvRows.line(imageId, Integer.toString(answer));
    }

    /**
     * A file or folder name in one Unicode form (NFC), to match a name written in a CSV file with the file it names:
     * macOS stores Korean (and accented) names decomposed, a spreadsheet writes them composed, and the two look alike
     * but were not equal (a person was left out as "named in train.csv but not there" beside a "folder not in
     * train.csv", an eval image as "not in the data set").
     */
    public static String sameForm(String name) {
        return java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFC);
    }

    /** The extension of an image file name, lower-case, or an error if it is not .jpg, .jpeg or .png. */
    public static String imageExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!IMAGE_EXTENSIONS.contains(ext)) {
            throw new IllegalArgumentException("'" + fileName + "' is not a .jpg, .jpeg or .png image");
        }
        return ext;
    }

    /**
     * What keeps a set of file paths (relative to a data set's root) from being a data set in this layout, or an
     * empty list: {@code train/train.csv} and at least one file under {@code train/images/} are needed, and an
     * {@code eval/images/} folder needs its {@code eval/info.csv}. File contents are checked by preprocessing.
     */
    public static List<String> layoutProblems(java.util.Collection<String> paths) {
        List<String> problems = new ArrayList<>();
        if (!paths.contains(TRAIN_CSV)) {
            problems.add("there is no " + TRAIN_CSV);
        }
        if (paths.stream().noneMatch(p -> p.startsWith(TRAIN_IMAGES))) {
            problems.add("there are no files under " + TRAIN_IMAGES);
        }
        if (paths.stream().anyMatch(p -> p.startsWith(EVAL_IMAGES)) && !paths.contains(EVAL_CSV)) {
            problems.add("there are files under " + EVAL_IMAGES + " but no " + EVAL_CSV);
        }
        return problems;
    }

    /** What keeps a set of paths from being a set of face photos ({@code faces/...} images), or an empty list. */
    public static List<String> faceSetProblems(java.util.Collection<String> paths) {
        boolean images = paths.stream().anyMatch(p -> p.startsWith(FACES) && IMAGE_EXTENSIONS.contains(
                p.substring(p.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT)));
        return images ? List.of() : List.of("there are no .jpg, .jpeg or .png photos under " + FACES);
    }

    /**
     * The folder of an archive that holds the layout, as a prefix of its paths ({@code data/}, {@code a/b/}, or empty
     * for the archive's root): the shallowest folder with a {@code train/train.csv}, an {@code eval/info.csv} or a
     * photo under {@code faces/} in it, however many folders wrap it (a zip tool often adds one, a zip of a download
     * folder two). Other folders named {@code train/} ({@code code/train/loop.py}), macOS's {@code __MACOSX/}
     * copies and hidden folders ({@link #isHiddenOrSystem}) do not count. Empty when there is no such file.
     *
     * @throws IllegalArgumentException when two folders at the same depth each hold one: which data set is meant?
     */
    public static String root(java.util.Collection<String> paths) {
        java.util.TreeSet<String> shallowest = new java.util.TreeSet<>();
        int depth = Integer.MAX_VALUE;
        for (String path : paths) {
            String prefix = isHiddenOrSystem(path) ? null : rootOf(path);
            if (prefix == null) {
                continue;
            }
            int folders = (int) prefix.chars().filter(c -> c == '/').count();
            if (folders < depth) {
                depth = folders;
                shallowest.clear();
            }
            if (folders == depth) {
                shallowest.add(prefix);
            }
        }
        if (shallowest.size() > 1) {
            throw new IllegalArgumentException("the archive holds a data set in each of "
                    + shallowest.stream().limit(5).map(f -> "'" + f + "'").toList() + ": send one at a time");
        }
        return shallowest.isEmpty() ? "" : shallowest.first();
    }

    /** The folder a layout file of this path marks as a data set's root, or null when it is no such file. */
    private static String rootOf(String path) {
        for (String file : List.of(TRAIN_CSV, EVAL_CSV)) {
            if (path.equals(file) || path.endsWith("/" + file)) {
                return path.substring(0, path.length() - file.length());
            }
        }
        int faces = ("/" + path).indexOf("/" + FACES); // where the faces/ folder's name begins in the path
        boolean photo = IMAGE_EXTENSIONS.contains(path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
        return faces >= 0 && photo ? path.substring(0, faces) : null;
    }

    /**
     * Whether a path (in an archive or under a data set's folder) is one that is left out of a data set without
     * being a problem: a hidden file or a file in a hidden folder (its name starts with '.': {@code .DS_Store},
     * {@code .git/}), macOS's {@code __MACOSX/} copies, or a file Windows Explorer leaves
     * ({@link #WINDOWS_SYSTEM_FILES}). The CLI's upload and preprocess's zip input leave out the same files.
     */
    public static boolean isHiddenOrSystem(String path) {
        String[] parts = path.split("/");
        for (String part : parts) {
            if (part.startsWith(".") && !part.equals(".") || part.equals(MACOS_FORKS)) {
                return true;
            }
        }
        return parts.length > 0 && WINDOWS_SYSTEM_FILES.contains(parts[parts.length - 1].toLowerCase(Locale.ROOT));
    }

    /**
     * Why a CSV that does not start with {@code header} does not, when a common way of saving it explains it: a first
     * column without a name before the header's (the row numbers pandas' {@code to_csv} and R's {@code write.csv}
     * write unless told not to). Empty otherwise, and for a CSV that starts with its header.
     */
    public static String headerHint(String csv, String header) {
        int end = csv.indexOf('\n');
        List<CsvRows.Row> first = CsvRows.parse(end < 0 ? csv : csv.substring(0, end));
        List<String> expected = List.of(header.split(",", -1));
        if (first.isEmpty() || first.get(0).cells().size() != expected.size() + 1) {
            return "";
        }
        List<String> cells = first.get(0).cells();
        boolean rowNumbers = (cells.get(0).isEmpty() || cells.get(0).startsWith("Unnamed"))
                && cells.subList(1, cells.size()).equals(expected);
        return rowNumbers ? ": its first column has no name, as the row numbers pandas' to_csv and R's write.csv add; "
                + "save it without them (to_csv(..., index=False), write.csv(..., row.names = FALSE))" : "";
    }

    /**
     * Whether a CSV's first row is {@code header} (a byte-order mark, blanks around the names and quotes around them,
     * as R's {@code write.csv} writes them, are allowed).
     */
    public static boolean startsWithHeader(String csv, String header) {
        return CsvRows.startsWith(csv, header);
    }
}
