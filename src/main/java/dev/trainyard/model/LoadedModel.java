package dev.trainyard.model;

import dev.trainyard.dataset.FeatureEncoding;
import dev.trainyard.engine.model.Prediction;
import dev.trainyard.engine.model.Predictor;
import dev.trainyard.engine.model.TrainedModel;

/**
 * A model read from the database once and kept by a node: the engine's model, its predictor, and how raw columns
 * become its inputs (null for a model trained before encodings were kept). {@code bytes} is what it counts against
 * the cache.
 */
final class LoadedModel {

    private final TrainedModel model;
    private final Predictor predictor;
    private final FeatureEncoding encoding;
    private final RowEncoder encoder;
    private final long bytes;

    LoadedModel(TrainedModel model, FeatureEncoding encoding, long bytes) {
        this.model = model;
        this.predictor = Predictor.load(model);
        this.encoding = encoding;
        this.encoder = new RowEncoder(encoding, model.rawFeatures(), model.imputer() != null);
        this.bytes = bytes;
    }

    TrainedModel model() {
        return model;
    }

    FeatureEncoding encoding() {
        return encoding;
    }

    /** How raw rows become this model's inputs; it keeps no state, so requests share it. */
    RowEncoder encoder() {
        return encoder;
    }

    long bytes() {
        return bytes;
    }

    /** The predictor keeps buffers of its own, so one request at a time uses it; a small batch takes microseconds. */
    Prediction predict(double[][] rows) {
        synchronized (predictor) {
            return predictor.predict(rows);
        }
    }
}
