package io.maskflow.orchestrator.schedules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.sdk.store.ArtifactCorruptedException;
import io.maskflow.sdk.store.ArtifactKeys;
import io.maskflow.sdk.store.ArtifactNotFoundException;
import io.maskflow.sdk.store.ArtifactStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Keeps the schedules in the artifact store, where every orchestrator replica sees them:
 * {@code schedules/<name>/schedule.json} (the schedule, written by the REST API) and
 * {@code schedules/<name>/fired.json} (its last firing, written by the timer). Listing them is one listing of the
 * prefix; an object whose ETag has not changed since it was last read is not read again (every replica lists them
 * at each check).
 */
public final class ScheduleStore {

    private static final Logger LOG = Logger.getLogger(ScheduleStore.class);
    static final String SCHEDULE = "schedule.json";
    static final String FIRED = "fired.json";
    private static final String PREFIX = "schedules/";
    private static final int READ_ATTEMPTS = 5;

    /** A schedule and its last firing (null when it has not fired yet). */
    public record Stored(Schedule schedule, Schedule.Fired fired) {
    }

    private final ArtifactStore store;
    private final ObjectMapper json = EventCodec.instance().mapper().copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final Map<String, Read> read = new ConcurrentHashMap<>();

    public ScheduleStore(ArtifactStore store) {
        this.store = store;
    }

    public void save(Schedule schedule) throws IOException {
        store.put(ArtifactKeys.scheduleRecord(schedule.name(), SCHEDULE), json.writeValueAsBytes(schedule),
                "application/json");
    }

    public void saveFired(String name, Schedule.Fired fired) throws IOException {
        store.put(ArtifactKeys.scheduleRecord(name, FIRED), json.writeValueAsBytes(fired), "application/json");
    }

    /** Deletes a schedule and its last firing. */
    public void delete(String name) throws IOException {
        store.delete(List.of(ArtifactKeys.scheduleRecord(name, SCHEDULE), ArtifactKeys.scheduleRecord(name, FIRED)));
    }

    /** Forgets the last firing of a name (a schedule created again under a name starts afresh). */
    public void clearFired(String name) throws IOException {
        store.delete(List.of(ArtifactKeys.scheduleRecord(name, FIRED)));
    }

    public Optional<Stored> load(String name) throws IOException {
        Optional<Schedule> schedule = read(ArtifactKeys.scheduleRecord(name, SCHEDULE), Schedule.class);
        if (schedule.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Stored(schedule.get(), read(ArtifactKeys.scheduleRecord(name, FIRED),
                Schedule.Fired.class).orElse(null)));
    }

    /** Every schedule, by name. */
    public List<Stored> loadAll() throws IOException {
        List<ArtifactStore.StoredObject> objects;
        try {
            objects = store.listObjects(store.bucket(), PREFIX);
        } catch (ArtifactNotFoundException e) {
            return List.of(); // no bucket yet
        }
        Map<String, Schedule> schedules = new TreeMap<>();
        Map<String, Schedule.Fired> fired = new TreeMap<>();
        Set<String> listed = new HashSet<>();
        for (ArtifactStore.StoredObject object : objects) {
            String[] parts = object.key().substring(PREFIX.length()).split("/");
            if (parts.length != 2) {
                continue;
            }
            listed.add(object.key());
            try {
                if (parts[1].equals(SCHEDULE)) {
                    cached(object, Schedule.class).ifPresent(s -> schedules.put(parts[0], s));
                } else if (parts[1].equals(FIRED)) {
                    cached(object, Schedule.Fired.class).ifPresent(f -> fired.put(parts[0], f));
                }
            } catch (JsonProcessingException e) {
                // a record changed by hand into something unreadable stops no other schedule
                LOG.warnf("%s is not a readable schedule record, skipped: %s", object.key(), e.getOriginalMessage());
            }
        }
        read.keySet().retainAll(listed);
        List<Stored> all = new ArrayList<>();
        schedules.forEach((name, schedule) -> all.add(new Stored(schedule, fired.get(name))));
        return all;
    }

    private <T> Optional<T> cached(ArtifactStore.StoredObject object, Class<T> type) throws IOException {
        Read cached = read.get(object.key());
        if (cached != null && object.etag() != null && object.etag().equals(cached.etag())
                && type.isInstance(cached.value())) {
            return Optional.of(type.cast(cached.value()));
        }
        Optional<T> value = read(object.key(), type);
        value.ifPresent(v -> read.put(object.key(), new Read(object.etag(), v)));
        return value;
    }

    /** Reads a record; one replaced between the stat and the read is read again. */
    private <T> Optional<T> read(String key, Class<T> type) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Optional<ArtifactRef> ref = store.stat(key);
            try {
                return ref.isEmpty() ? Optional.empty() : Optional.of(json.readValue(store.read(ref.get()), type));
            } catch (ArtifactCorruptedException e) {
                if (attempt == READ_ATTEMPTS) {
                    throw e;
                }
            } catch (ArtifactNotFoundException e) {
                return Optional.empty(); // deleted between the stat and the read
            }
        }
    }

    /** A record as read, with the ETag the listing showed for it. */
    private record Read(String etag, Object value) {
    }
}
