package io.maskflow.contracts.dataset;

import io.maskflow.contracts.Require;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the photos of a packed data set are ({@value #FILE_NAME}, at the data set's root). A data set written by
 * Maskflow may keep its photos in packs instead of one object per photo: a pack is a plain zip file (entries
 * stored, not compressed) whose entry names are the photos' paths in the competition layout, so unzipping every
 * pack into one folder gives the layout back. This index names each member's pack and where its bytes are in it,
 * so a reader fetches one photo with one ranged GET and lists the data set without opening a pack.
 *
 * @param schemaVersion 1
 * @param packs pack path (relative to the data set's root, e.g. {@code packs/000003.zip}) to its size and SHA-256
 * @param members photo path (e.g. {@code train/images/000001_female_Asian_45/mask1.jpg}) to where it is
 */
public record DatasetPacks(int schemaVersion, Map<String, Pack> packs, Map<String, Member> members) {

    public static final String FILE_NAME = "maskflow-packs.json";
    public static final int SCHEMA_VERSION = 1;
    /** The folder of a data set's packs. */
    public static final String FOLDER = "packs/";

    /** One pack: a zip file of the data set. */
    public record Pack(long size, String sha256) {

        public Pack {
            if (size < 0) {
                throw new IllegalArgumentException("a pack's size must not be negative, got " + size);
            }
            Require.sha256(sha256, "a pack's sha256");
        }
    }

    /**
     * One photo in a pack.
     *
     * @param pack the pack's path
     * @param offset where the photo's bytes start in the pack (after the zip entry's header)
     * @param size the photo's bytes
     * @param sha256 the photo's SHA-256, checked on every read
     */
    public record Member(String pack, long offset, long size, String sha256) {

        public Member {
            Require.nonBlank(pack, "pack of a packed photo");
            if (offset < 0 || size < 0) {
                throw new IllegalArgumentException("a packed photo's offset and size must not be negative, got "
                        + offset + " and " + size);
            }
            Require.sha256(sha256, "a packed photo's sha256");
        }
    }

    public DatasetPacks {
        if (schemaVersion != SCHEMA_VERSION) {
            throw new IllegalArgumentException("pack index schemaVersion " + schemaVersion + " is not "
                    + SCHEMA_VERSION);
        }
        packs = new TreeMap<>(Require.present(packs, "packs of a pack index"));
        members = new TreeMap<>(Require.present(members, "members of a pack index"));
        packs.keySet().forEach(DatasetManifest::checkPath);
        for (Map.Entry<String, Member> entry : members.entrySet()) {
            DatasetManifest.checkPath(entry.getKey());
            Member member = entry.getValue();
            Pack pack = packs.get(member.pack());
            if (pack == null) {
                throw new IllegalArgumentException(entry.getKey() + " is in pack '" + member.pack()
                        + "', which the index does not name");
            }
            if (member.offset() + member.size() > pack.size()) {
                throw new IllegalArgumentException(entry.getKey() + " ends at byte " + (member.offset()
                        + member.size()) + " of " + member.pack() + ", which has " + pack.size());
            }
        }
    }
}
