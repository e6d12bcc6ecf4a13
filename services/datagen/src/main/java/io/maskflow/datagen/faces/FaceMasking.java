package io.maskflow.datagen.faces;

import io.maskflow.contracts.Texts;
import io.maskflow.contracts.dataset.CompetitionLayout;
import io.maskflow.contracts.dataset.PersonRecord;
import io.maskflow.contracts.labels.Gender;
import io.maskflow.contracts.labels.Mask;
import io.maskflow.datagen.api.ImageBounds;
import io.maskflow.datagen.api.LargePhotos;
import io.maskflow.datagen.dataset.DatasetSink;
import io.maskflow.datagen.dataset.JpegEncoder;
import io.maskflow.datagen.masks.Landmarks;
import io.maskflow.datagen.masks.MaskPlacer;
import io.maskflow.datagen.masks.MaskState;
import io.maskflow.datagen.masks.MaskStyle;
import io.maskflow.datagen.masks.MaskType;
import io.maskflow.vision.face.Face;
import io.maskflow.vision.face.FaceAnalyzer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;

/**
 * Puts masks on photos of bare faces, the competitors' MaskTheFace way, and writes them as persons of the
 * competition layout: each photo's largest face becomes a person with {@code mask1} … {@code mask5} (a mask worn
 * correctly, of the asked types in turn, each its own colour and pattern), {@code incorrect_mask} (nose exposed,
 * mouth only or chin only) and {@code normal} (the bare face). Each person's photos are framed like the
 * competition's: a {@code width} x {@code height} crop around the face, the face about {@value #FACE_SHARE} of the
 * width and its centre at {@value #FACE_HEIGHT} of the height, so they merge with the competition's photos whatever
 * the size of the source photo. A photo under
 * {@code faces/<id>_<gender>_<race>_<age>/} takes gender and age from its folder; any other gets them from the
 * age/gender network, marked {@code estimated} in the manifest. A photo that cannot be read (a truncated or corrupt
 * one too) or shows no face, a photo in a folder named like a person's that does not read as one
 * ({@link #unreadFolder}), and a file of the set that is no photo (not a .jpg, .jpeg or .png), is reported and left
 * out. Free of Quarkus.
 */
public final class FaceMasking {

    /** Opens a photo's content. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    /** One photo: its path in the face set and how to read it. */
    public record Photo(String path, Opener opener) {
    }

    /**
     * A person written: where from, what labels and whether they were estimated.
     *
     * @param genderProbability the network's probability of the gender, or null when the folder gave it
     */
    public record Person(String folder, String photo, String gender, int age, boolean estimated,
            Double genderProbability, double faceScore, int facesInPhoto) {
    }

    /** A photo left out and why. */
    public record Skipped(String photo, String reason) {
    }

    /**
     * The manifest of the written data set ({@code dataset.json}).
     *
     * @param skipped the photos left out, in path order, then the files that are no photos, in path order
     */
    public record Report(String source, List<Person> persons, List<Skipped> skipped, int estimated,
            List<String> maskTypes, double seconds) {
    }

    private static final MaskState[] INCORRECT = {MaskState.NOSE_EXPOSED, MaskState.MOUTH_ONLY, MaskState.CHIN_ONLY};
    /** Ids of masked persons start here, apart from the competition's 6-digit ids below 100000. */
    static final int FIRST_ID = 800_000;
    /** The face box's share of the photo's width in the competition's photos (about 170 of 384 pixels). */
    static final double FACE_SHARE = 0.45;
    /** Where the face box's centre sits, as a share of the photo's height from the top. */
    static final double FACE_HEIGHT = 0.45;
    /** A folder name that begins with a person's id (6 digits) and {@code _}: a person's folder, by its look. */
    private static final Pattern NUMBERED = Pattern.compile("[0-9]{6}(?:-[0-9]+)?_.*", Pattern.DOTALL);
    /** How much of a folder's name a reason shows. */
    private static final int SHOWN_FOLDER = 80;
    /** The oldest age a person of the layout may have. */
    private static final int MAX_AGE = 150;
    /** Why a file of the set that is no photo is left out. */
    static final String NOT_A_PHOTO = "not a photo: only .jpg, .jpeg and .png files are masked";

    private final Function<BufferedImage, List<Face>> faces;
    private final List<MaskType> types;
    private final long seed;
    private final int threads;
    private final long maxPixels;
    private final int width;
    private final int height;

    /** @param width the written photos' width (and {@code height}), the competition's 384 x 512 by default */
    public FaceMasking(FaceAnalyzer faces, List<String> maskTypes, long seed, int threads, long maxPixels, int width,
            int height) {
        this(image -> faces.detect(image), maskTypes, seed, threads, maxPixels, width, height);
    }

    /** As the public constructor, with the faces of a photo found by {@code faces} (a fake one in tests). */
    FaceMasking(Function<BufferedImage, List<Face>> faces, List<String> maskTypes, long seed, int threads,
            long maxPixels, int width, int height) {
        this.faces = faces;
        this.types = maskTypes.stream().map(MaskType::fromId).toList();
        this.seed = seed;
        this.threads = Math.max(1, threads);
        this.maxPixels = maxPixels;
        this.width = width;
        this.height = height;
    }

    /** Whether a file of a face set is a photo to mask: a .jpg, .jpeg or .png, in any case. */
    public static boolean isPhoto(String path) {
        String extension = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return CompetitionLayout.IMAGE_EXTENSIONS.contains(extension);
    }

    /**
     * Masks every photo of {@code files}, in path order, and writes the persons and {@code train/train.csv}; the
     * files that are no photos ({@link #isPhoto}) are not opened but listed in the report's {@code skipped}, after
     * the photos left out. {@code progress} counts the photos done.
     */
    public Report run(String source, List<Photo> files, DatasetSink sink, IntConsumer progress)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        List<Photo> sorted = files.stream().filter(file -> isPhoto(file.path()))
                .sorted(Comparator.comparing(Photo::path)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "mask-faces");
            t.setDaemon(true);
            return t;
        });
        List<Future<Object>> results = new ArrayList<>();
        try {
            for (int i = 0; i < sorted.size(); i++) {
                int index = i;
                results.add(pool.submit(() -> mask(sorted.get(index), FIRST_ID + index, sink)));
            }
            List<Person> persons = new ArrayList<>();
            List<Skipped> skipped = new ArrayList<>();
            int done = 0;
            for (Future<Object> result : results) {
                Object outcome = result.get();
                if (outcome instanceof Person person) {
                    persons.add(person);
                } else {
                    skipped.add((Skipped) outcome);
                }
                progress.accept(++done);
            }
            files.stream().map(Photo::path).filter(path -> !isPhoto(path)).sorted()
                    .forEach(path -> skipped.add(new Skipped(path, NOT_A_PHOTO)));
            StringBuilder csv = new StringBuilder(CompetitionLayout.TRAIN_HEADER).append('\n');
            for (Person p : persons) {
                csv.append(CompetitionLayout.trainCsvLine(CompetitionLayout.parseFolder(p.folder()))).append('\n');
            }
            sink.write(CompetitionLayout.TRAIN_CSV, csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "text/csv");
            return new Report(source, persons, skipped, (int) persons.stream().filter(Person::estimated).count(),
                    types.stream().map(MaskType::id).toList(), (System.nanoTime() - start) / 1e9);
        } catch (ExecutionException e) {
            throw new IOException("masking faces failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One photo: a {@link Person} written to the sink, or why it was {@link Skipped}. */
    private Object mask(Photo photo, int id, DatasetSink sink) throws IOException {
        String unread = unreadFolder(photo.path());
        if (unread != null) {
            return new Skipped(photo.path(), unread);
        }
        byte[] bytes;
        try (InputStream in = photo.opener().open()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            return new Skipped(photo.path(), "not a readable JPEG or PNG photo: " + e.getMessage());
        }
        // a large photo waits for the one before it (the /masks requests' too): two at once would not fit the heap.
        // Only the decode, the detection and the framing wait: what follows works on the framed photo, which is small
        Object framed = LargePhotos.inTurn(bytes, encoded -> frame(photo, encoded));
        return framed instanceof Framed f ? mask(photo, f, id, sink) : framed;
    }

    /** A photo's largest face, the photo framed around it at the written size, and its landmarks moved along. */
    private record Framed(BufferedImage image, Face face, double[] x, double[] y, int faces) {
    }

    /** The photo {@link Framed} around its largest face, or why it was {@link Skipped}. */
    private Object frame(Photo photo, byte[] bytes) throws IOException {
        BufferedImage image;
        try {
            image = decode(bytes);
        } catch (IOException | IllegalArgumentException e) {
            return new Skipped(photo.path(), "not a readable JPEG or PNG photo: " + e.getMessage());
        }
        List<Face> found = faces.apply(image);
        if (found.isEmpty()) {
            return new Skipped(photo.path(), "no face found in the " + image.getWidth() + "x" + image.getHeight()
                    + " photo");
        }
        Face face = found.stream().max(Comparator.comparingDouble(f -> f.box().width() * f.box().height()))
                .orElseThrow();
        double[] x = face.landmarkXs();
        double[] y = face.landmarkYs();
        return new Framed(frame(image, face, x, y), face, x, y, found.size());
    }

    /**
     * The {@link Person} of a framed photo, written to the sink, or why it was {@link Skipped}: landmarks that cannot
     * place a mask (a detection degenerate enough that no perspective transform fits it) leave the photo out, and
     * nothing of it is written, as its seven photos are all drawn before the first is written.
     */
    private Object mask(Photo photo, Framed framed, int id, DatasetSink sink) throws IOException {
        Face face = framed.face();
        PersonRecord known = knownPerson(photo.path());
        String gender;
        int age;
        if (known != null) {
            gender = known.gender().csvName();
            age = known.age();
        } else {
            gender = face.gender() == Face.Gender.FEMALE ? "female" : "male";
            age = (int) Math.max(1, Math.min(100, Math.round(face.age())));
        }
        String race = known != null ? known.race() : "Unknown";
        PersonRecord person = PersonRecord.of(String.format(Locale.ROOT, "%06d", id), Gender.parse(gender), race,
                age);
        BufferedImage image = framed.image();
        Landmarks landmarks = inside(framed.x(), framed.y(), width, height);
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + id);
        MaskPlacer placer = new MaskPlacer();
        Map<String, byte[]> written = new LinkedHashMap<>();
        try {
            for (String stem : Mask.fileStems()) {
                BufferedImage copy = copy(image);
                Mask mask = Mask.fromFileName(stem);
                if (mask == Mask.WEAR) {
                    MaskType type = types.get(Math.floorMod(stem.charAt(stem.length() - 1) - '1', types.size()));
                    placer.place(copy, landmarks, MaskStyle.random(type, random), MaskState.CORRECT);
                } else if (mask == Mask.INCORRECT) {
                    MaskType type = types.get(random.nextInt(types.size()));
                    placer.place(copy, landmarks, MaskStyle.random(type, random), INCORRECT[random.nextInt(
                            INCORRECT.length)]);
                }
                written.put(CompetitionLayout.trainImage(person, stem, "jpg"), JpegEncoder.encode(copy));
            }
        } catch (IllegalArgumentException e) {
            return new Skipped(photo.path(), "the face found cannot take a mask: " + e.getMessage());
        }
        for (Map.Entry<String, byte[]> file : written.entrySet()) {
            sink.write(file.getKey(), file.getValue(), "image/jpeg");
        }
        return new Person(person.path(), photo.path(), gender, age, known == null,
                known == null ? face.genderProbability() : null, face.score(), framed.faces());
    }

    /**
     * The person a photo's folder names ({@code faces/<id>_<gender>_<race>_<age>/...}), or null for a photo in no
     * folder or in one named otherwise ({@link #unreadFolder} tells those named like a person's from the others).
     */
    static PersonRecord knownPerson(String path) {
        String folder = folder(path);
        if (folder == null) {
            return null;
        }
        try {
            return CompetitionLayout.parseFolder(folder);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The folder a photo is in, under {@code faces/}, or null for a photo right under it. */
    private static String folder(String path) {
        String[] parts = path.split("/");
        return parts.length < 3 ? null : parts[parts.length - 2];
    }

    /**
     * Why the folder of a photo, named like a person's of the competition but not readable as one, cannot give the
     * person's gender and age, naming the folder and each part not read; null for a photo whose folder reads as a
     * person, or is in no folder or one named otherwise ({@code faces/holiday/}: its gender and age are estimated).
     * A folder is named like a person's when it begins with a 6-digit id and {@code _}, or has {@code male} or
     * {@code female} (in any case) as a part joined by {@code _}: {@code 000500_female_Asian_abc},
     * {@code 000500_female_Asian}, {@code 500_Female_Asian_45}; not {@code holiday}, {@code 2024_summer} or
     * {@code trip_to_rome_2024}. Until 2026-12-06 such a photo was masked with the
     * network's estimates instead, silently: a {@code female} written by the user could come out {@code male}.
     */
    static String unreadFolder(String path) {
        String folder = folder(path);
        if (folder == null) {
            return null;
        }
        String[] parts = folder.split("_", -1);
        boolean namesGender = Arrays.stream(parts).anyMatch(part -> part.equalsIgnoreCase("male")
                || part.equalsIgnoreCase("female"));
        if (!NUMBERED.matcher(folder).matches() && !namesGender) {
            return null;
        }
        List<String> unread = new ArrayList<>(CompetitionLayout.folderProblems(folder));
        if (unread.isEmpty() && Integer.parseInt(parts[3]) > MAX_AGE) {
            unread.add("the age " + parts[3] + " is over " + MAX_AGE);
        }
        if (unread.isEmpty()) {
            return null;
        }
        return "folder '" + Texts.cut(folder, SHOWN_FOLDER) + "' is not read as <6-digit id>_<male|female>_<race>_"
                + "<age>: " + String.join(", ", unread) + "; rename it to give the person's gender and age, or move"
                + " the photo out of it to have them estimated";
    }

    private BufferedImage decode(byte[] bytes) throws IOException {
        return ImageBounds.decodeUprightRgbWithin(bytes, maxPixels, null);
    }

    private static BufferedImage copy(BufferedImage image) {
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        copy.getGraphics().drawImage(image, 0, 0, null);
        return copy;
    }

    /**
     * The crop of the photo framed like the competition's, scaled to {@code width} x {@code height}; the landmarks
     * {@code x}, {@code y} are moved into it in place. A crop larger than the photo shrinks to fit, keeping its shape.
     */
    BufferedImage frame(BufferedImage photo, Face face, double[] x, double[] y) {
        double cw = face.box().width() / FACE_SHARE;
        double ch = cw * height / width;
        double fit = Math.min(1, Math.min(photo.getWidth() / cw, photo.getHeight() / ch));
        cw *= fit;
        ch *= fit;
        double cx = face.box().x() + face.box().width() / 2;
        double cy = face.box().y() + face.box().height() / 2;
        double x0 = Math.max(0, Math.min(photo.getWidth() - cw, cx - cw / 2));
        double y0 = Math.max(0, Math.min(photo.getHeight() - ch, cy - FACE_HEIGHT * ch));
        BufferedImage framed = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = framed.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(photo, 0, 0, width, height, (int) Math.round(x0), (int) Math.round(y0),
                (int) Math.round(x0 + cw), (int) Math.round(y0 + ch), null);
        g.dispose();
        double scale = width / cw;
        for (int i = 0; i < x.length; i++) {
            x[i] = (x[i] - x0) * scale;
            y[i] = (y[i] - y0) * scale;
        }
        return framed;
    }

    /** The face's landmarks, those beyond the photo's edge (a face cut by the border) moved onto it. */
    public static Landmarks inside(Face face, int width, int height) {
        return inside(face.landmarkXs(), face.landmarkYs(), width, height);
    }

    private static Landmarks inside(double[] x, double[] y, int width, int height) {
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(0, Math.min(width - 1, x[i]));
            y[i] = Math.max(0, Math.min(height - 1, y[i]));
        }
        return Landmarks.of(x, y);
    }
}
