package dev.trainyard.engine.train;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Histories compared across runs, without the wall-clock metrics that differ every time. */
final class Histories {

    private Histories() {
    }

    static List<Map<String, Double>> withoutTimes(TrainingResult result) {
        return result.history().stream().map(epoch -> {
            Map<String, Double> values = new HashMap<>(epoch.values());
            values.remove("epoch_seconds");
            values.remove("samples_per_second");
            return values;
        }).toList();
    }
}
