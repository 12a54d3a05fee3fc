package dev.trainyard.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.trainyard.engine.data.Normalizer;
import dev.trainyard.engine.model.TrainedModel;
import dev.trainyard.engine.spec.Loss;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.Output;
import dev.trainyard.engine.spec.Task;
import dev.trainyard.job.JobDeleted;

class ModelCacheTest {

    /** y = 2 a + 3 b + 1, a linear model of two inputs. */
    private static LoadedModel linear(long bytes) {
        return new LoadedModel(new TrainedModel(new ModelSpec(List.of(), Output.LINEAR, Loss.MEAN_SQUARED_ERROR),
                Loss.MEAN_SQUARED_ERROR, Task.REGRESSION, 2, 1, List.of(), Normalizer.identity(2),
                new double[] {2, 3, 1}, List.of()), null, bytes);
    }

    @Test
    void aModelIsLoadedOnceAndTheLeastRecentlyUsedGoPastTheByteLimit() {
        ModelCache cache = new ModelCache(new ModelProperties(250, 10, 200));
        AtomicInteger loads = new AtomicInteger();
        LoadedModel first = cache.get(1, () -> {
            loads.incrementAndGet();
            return linear(100);
        });
        assertThat(cache.get(1, () -> {
            loads.incrementAndGet();
            return linear(100);
        })).isSameAs(first);
        assertThat(loads).hasValue(1);

        cache.get(2, () -> linear(100));
        cache.get(1, () -> linear(100)); // 1 is now the most recently used
        cache.get(3, () -> linear(100)); // 300 bytes: 2, the least recently used, goes
        assertThat(cache.bytes()).isEqualTo(200);
        assertThat(cache.get(1, () -> linear(100))).isSameAs(first);
        AtomicInteger reloads = new AtomicInteger();
        cache.get(2, () -> {
            reloads.incrementAndGet();
            return linear(100);
        });
        assertThat(reloads).as("2 was evicted").hasValue(1);
    }

    @Test
    void aModelLargerThanTheCacheIsStillServedAndADeletedJobsModelIsDropped() {
        ModelCache cache = new ModelCache(new ModelProperties(50, 10, 200));
        LoadedModel big = cache.get(7, () -> linear(500));
        assertThat(big.predict(new double[][] {{1, 1}}).outputs()[0][0]).isEqualTo(6, org.assertj.core.api.Assertions
                .within(1e-6));
        assertThat(cache.size()).isEqualTo(1);
        cache.get(8, () -> linear(10));
        assertThat(cache.size()).as("the big one made way").isEqualTo(1);
        cache.deleted(new JobDeleted(8));
        assertThat(cache.size()).isZero();
        assertThat(cache.bytes()).isZero();
    }
}
