package io.maskflow.sdk.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.shards.MalformedShardException;
import io.maskflow.contracts.shards.ShardIndex;
import io.maskflow.contracts.shards.ShardReader;
import io.maskflow.contracts.shards.ShardRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** Reads a preprocessed data set from the store: its shard index, and all its records, each shard checked. */
public final class ShardSets {

    private static final ObjectMapper JSON = EventCodec.instance().mapper().copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * The largest shard index read: one lists its shards and, per person, an age and nine drawing values (under
     * 1 MB for 4,800 persons).
     */
    static final long MAX_INDEX_BYTES = 64L << 20;

    private ShardSets() {
    }

    /**
     * The shard index {@code indexRef} names.
     *
     * @throws ArtifactUnreadableException when it is not one (not JSON, or an index without image size or shards)
     */
    public static ShardIndex index(ArtifactStore store, ArtifactRef indexRef) throws IOException {
        if (indexRef.size() > MAX_INDEX_BYTES) {
            // read whole, it would take the heap; a key named by a client can be any object
            throw new ArtifactUnreadableException(indexRef.uri() + " is not a shard index (the index.json of a "
                    + "preprocess step): it is " + indexRef.size() + " bytes, and an index is at most "
                    + MAX_INDEX_BYTES);
        }
        ShardIndex index;
        try {
            index = JSON.readValue(store.read(indexRef), ShardIndex.class);
        } catch (JsonProcessingException e) {
            throw new ArtifactUnreadableException(indexRef.uri() + " is not a shard index (the index.json of a "
                    + "preprocess step): " + io.maskflow.contracts.json.EventCodec.reason(e));
        }
        if (index == null || index.shards() == null || index.imageSize() <= 0) {
            throw new ArtifactUnreadableException(indexRef.uri() + " is not a shard index (the index.json of a "
                    + "preprocess step): it has no image size or no shards");
        }
        long listed = 0;
        for (ShardIndex.Shard shard : index.shards()) {
            if (shard == null || shard.ref() == null || shard.count() < 0) {
                throw new ArtifactUnreadableException(indexRef.uri() + " is not a shard index a preprocess step "
                        + "writes: a shard in its list has no reference or a negative count");
            }
            listed += shard.count();
        }
        if (listed != index.count()) {
            // the trainer sizes its memory by the index's count, so the shards may not hold more than it says
            throw new ArtifactUnreadableException(indexRef.uri() + " is not a shard index a preprocess step writes:"
                    + " it counts " + index.count() + " images, its shards " + listed);
        }
        return index;
    }

    /** Every record of every shard, in shard order. */
    public static List<ShardRecord> records(ArtifactStore store, ShardIndex index) throws IOException {
        return records(store, index, r -> true);
    }

    /** The records of every shard that {@code keep} accepts, in shard order; the others are not kept in memory. */
    public static List<ShardRecord> records(ArtifactStore store, ShardIndex index, Predicate<ShardRecord> keep)
            throws IOException {
        List<ShardRecord> records = new ArrayList<>();
        for (ShardIndex.Shard shard : index.shards()) {
            try (InputStream in = store.open(shard.ref()); ShardReader reader = new ShardReader(in)) {
                matches(index, shard, reader);
                reader.forEach(r -> {
                    if (keep.test(r)) {
                        records.add(r);
                    }
                });
            } catch (MalformedShardException e) {
                throw unreadable(shard, e);
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof MalformedShardException malformed) {
                    throw unreadable(shard, malformed);
                }
                throw e;
            }
        }
        return records;
    }

    /** Refuses a shard whose header is not the one its index describes (image size, channels, record count). */
    private static void matches(ShardIndex index, ShardIndex.Shard shard, ShardReader reader)
            throws MalformedShardException {
        int channels = index.channels() > 0 ? index.channels() : reader.channels();
        if (reader.height() != index.imageSize() || reader.width() != index.imageSize()
                || reader.channels() != channels || reader.count() != shard.count()) {
            throw new MalformedShardException(String.format(Locale.ROOT, "its header gives %d images of %d x %d "
                    + "pixels and %d channels, its index %d of %d x %d and %d", reader.count(), reader.width(),
                    reader.height(), reader.channels(), shard.count(), index.imageSize(), index.imageSize(),
                    channels));
        }
    }

    private static ArtifactUnreadableException unreadable(ShardIndex.Shard shard, MalformedShardException e) {
        ArtifactUnreadableException unreadable = new ArtifactUnreadableException(shard.ref().uri()
                + " is not a shard of its index: " + e.getMessage());
        unreadable.initCause(e);
        return unreadable;
    }
}
