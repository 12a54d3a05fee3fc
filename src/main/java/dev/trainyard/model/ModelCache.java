package dev.trainyard.model;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.trainyard.job.JobDeleted;

/**
 * This node's loaded models by job key, bounded by bytes and evicting the least recently used. Every use first asks
 * the database whether the job is still the owner's and succeeded, so a model deleted on another node is never
 * served; one deleted here is dropped at once.
 */
@Component
class ModelCache {

    private final long capacity;
    private final Map<Long, LoadedModel> models = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    ModelCache(ModelProperties properties) {
        this.capacity = properties.cacheBytes();
    }

    /** The model of job {@code key}, loaded by {@code load} if this node does not hold it. */
    LoadedModel get(long key, Supplier<LoadedModel> load) {
        synchronized (this) {
            LoadedModel held = models.get(key);
            if (held != null) {
                return held;
            }
        }
        LoadedModel loaded = load.get(); // outside the lock: reading and building a model takes milliseconds
        synchronized (this) {
            LoadedModel raced = models.putIfAbsent(key, loaded);
            if (raced != null) {
                return raced;
            }
            bytes += loaded.bytes();
            evictPast(capacity, key);
            return loaded;
        }
    }

    @EventListener
    synchronized void deleted(JobDeleted deleted) {
        LoadedModel gone = models.remove(deleted.key());
        bytes -= gone == null ? 0 : gone.bytes();
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized int size() {
        return models.size();
    }

    /** Drops the least recently used models until they fit, never the one just loaded. */
    private void evictPast(long limit, long keep) {
        for (Iterator<Map.Entry<Long, LoadedModel>> it = models.entrySet().iterator(); bytes > limit && it.hasNext();) {
            Map.Entry<Long, LoadedModel> eldest = it.next();
            if (eldest.getKey() != keep) {
                bytes -= eldest.getValue().bytes();
                it.remove();
            }
        }
    }
}
