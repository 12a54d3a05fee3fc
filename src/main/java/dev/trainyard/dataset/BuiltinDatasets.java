package dev.trainyard.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.trainyard.engine.spec.Task;

/**
 * The datasets shipped inside the jar (src/main/resources/datasets, with their attribution),
 * profiled once on first use. Everyone sees them; nobody can delete them.
 */
@Component
class BuiltinDatasets {

    static final String PREFIX = "builtin:";

    record Builtin(String id, String name, String file, int[] image, DatasetSchema schema) {
    }

    private static final List<String[]> CATALOG = List.of(
            new String[] {"iris", "Iris flowers (Fisher, 1936): 4 measurements, 3 species"},
            new String[] {"wine", "Wine (Forina et al.): 13 chemical measurements, 3 cultivars"},
            new String[] {"breast_cancer", "Breast Cancer Wisconsin (Diagnostic): 30 features, malignant or benign"},
            new String[] {"digits", "Handwritten digits (Alpaydin and Kaynak): 8x8 images, 10 classes"},
            new String[] {"diabetes", "Diabetes progression (Efron et al., 2004): 10 features, regression"});

    private final DatasetLimits limits;
    private volatile Map<String, Builtin> byId;

    BuiltinDatasets(DatasetLimits limits) {
        this.limits = limits;
    }

    List<Builtin> all() {
        return List.copyOf(catalog().values());
    }

    Optional<Builtin> find(String id) {
        return Optional.ofNullable(catalog().get(id));
    }

    InputStream open(Builtin builtin) {
        return resource(builtin.file());
    }

    private static InputStream resource(String file) {
        return BuiltinDatasets.class.getResourceAsStream("/datasets/" + file);
    }

    private Map<String, Builtin> catalog() {
        Map<String, Builtin> loaded = byId;
        if (loaded == null) {
            synchronized (this) {
                if (byId == null) {
                    byId = load();
                }
                loaded = byId;
            }
        }
        return loaded;
    }

    private Map<String, Builtin> load() {
        Map<String, Builtin> catalog = new LinkedHashMap<>();
        for (String[] entry : CATALOG) {
            String file = entry[0] + ".csv";
            Task task = entry[0].equals("diabetes") ? Task.REGRESSION : Task.CLASSIFICATION;
            DatasetProfiler profiler = new DatasetProfiler(null, task, limits);
            try (InputStream in = resource(file)) {
                CsvReader.read(in, limits, profiler);
            } catch (IOException e) {
                throw new UncheckedIOException("built-in dataset " + file + " cannot be read", e);
            }
            int[] image = entry[0].equals("digits") ? new int[] {8, 8, 1} : null;
            catalog.put(PREFIX + entry[0], new Builtin(PREFIX + entry[0], entry[1], file, image, profiler.schema()));
        }
        return catalog;
    }
}
