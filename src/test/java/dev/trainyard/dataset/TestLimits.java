package dev.trainyard.dataset;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@link DatasetLimits} bound as the service binds them: the documented defaults, but for the given keys. */
final class TestLimits {

    private TestLimits() {
    }

    /** @param keysAndValues pairs such as {@code "max-bytes", "200"} (keys after {@code trainyard.datasets.}) */
    static DatasetLimits with(String... keysAndValues) {
        Map<String, String> properties = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put("trainyard.datasets." + keysAndValues[i], keysAndValues[i + 1]);
        }
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("trainyard.datasets", DatasetLimits.class);
    }
}
