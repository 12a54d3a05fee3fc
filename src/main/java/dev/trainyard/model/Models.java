package dev.trainyard.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import dev.trainyard.dataset.FeatureEncoding;
import dev.trainyard.engine.model.ModelDocument;
import dev.trainyard.engine.model.Prediction;
import dev.trainyard.engine.spec.Task;
import dev.trainyard.job.TrainedModels;
import dev.trainyard.system.ApiException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The owner's trained models, ready to predict: each checked against the database at every use (the owner's, and
 * succeeded), and loaded once per node into the {@link ModelCache}.
 */
@Service
class Models {

    private final TrainedModels stored;
    private final ModelCache cache;
    private final JsonMapper json;

    Models(TrainedModels stored, ModelCache cache, JsonMapper json) {
        this.stored = stored;
        this.cache = cache;
        this.json = json;
    }

    /** The model of the owner's succeeded job {@code jobId}: 404 when not theirs, 409 naming its status otherwise. */
    LoadedModel load(String owner, String jobId) {
        return load(stored.find(owner, jobId));
    }

    /** The model of a job just found to be the caller's and succeeded. */
    LoadedModel load(TrainedModels.Stored model) {
        return cache.get(model.key(), () -> {
            TrainedModels.Document document = stored.document(model.key())
                    .orElseThrow(() -> ApiException.notFound("job", model.jobId()));
            FeatureEncoding encoding = document.encoding() == null ? null
                    : json.readValue(document.encoding(), FeatureEncoding.class);
            return new LoadedModel(ModelDocument.read(document.model()), encoding,
                    2L * document.model().length() + (document.encoding() == null ? 0 : 2L * document.encoding().length()));
        });
    }

    /** One row's answer: the class, its index and the probabilities (the top {@code top} first), or the value. */
    static Map<String, Object> answer(LoadedModel model, Prediction prediction, int row, Integer top) {
        Map<String, Object> answer = new LinkedHashMap<>();
        double[] outputs = prediction.outputs()[row];
        if (model.model().task() == Task.REGRESSION) {
            answer.put("value", outputs[0]);
            return answer;
        }
        answer.put("class", prediction.labels().get(row));
        answer.put("index", prediction.classes()[row]);
        answer.put("probabilities", probabilities(model.model().classNames(), outputs, top));
        return answer;
    }

    /** Class name to probability, most likely first when only the top {@code top} are asked for, else in class order. */
    static Map<String, Double> probabilities(List<String> classes, double[] outputs, Integer top) {
        double[] p = outputs.length == 1 ? new double[] {1 - outputs[0], outputs[0]} : outputs;
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < p.length; c++) {
            order.add(c);
        }
        if (top != null) {
            order.sort((a, b) -> Double.compare(p[b], p[a]));
            order = order.subList(0, Math.min(top, order.size()));
        }
        Map<String, Double> shown = new LinkedHashMap<>();
        order.forEach(c -> shown.put(classes.get(c), p[c]));
        return shown;
    }
}
