package dev.trainyard.model;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import dev.trainyard.dataset.DatasetService;
import dev.trainyard.engine.model.Prediction;
import dev.trainyard.engine.spec.Task;
import dev.trainyard.system.ApiException;
import dev.trainyard.system.FieldProblem;
import dev.trainyard.system.ProblemType;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Predictions on raw rows: a JSON body of {@code rows} (objects keyed by column) or {@code instances} (arrays in
 * column order), or a CSV file with a header row. A CSV file is read, encoded and predicted in chunks and its answer
 * written as it goes, so memory stays bounded whatever its size.
 */
@Service
class Predictions {

    /** Rows predicted at once: the predictor's own chunk, so a chunk is one pass of the network. */
    private static final int CHUNK = 256;
    private static final int MAX_PROBLEMS = 20;

    private final Models models;
    private final DatasetService datasets;
    private final ModelProperties limits;
    private final JsonMapper json;

    Predictions(Models models, DatasetService datasets, ModelProperties limits, JsonMapper json) {
        this.models = models;
        this.datasets = datasets;
        this.limits = limits;
        this.json = json;
    }

    /** The answer to a JSON body, one entry per row in order. */
    List<Map<String, Object>> json(String owner, String jobId, JsonNode body, Integer top) {
        LoadedModel model = models.load(owner, jobId);
        checkTop(model, top);
        RowEncoder encoder = model.encoder();
        boolean keyed = body != null && body.has("rows");
        JsonNode rows = body == null ? null : keyed ? body.get("rows") : body.get("instances");
        if (body == null || !body.isObject() || rows == null || !rows.isArray() || (body.has("rows")
                && body.has("instances"))) {
            throw new ApiException(ProblemType.VALIDATION_FAILED, "Send {\"rows\": [{\"" + encoder.columns().get(0)
                    + "\": ...}, ...]} keyed by column name, or {\"instances\": [[...], ...]} in column order ("
                    + String.join(", ", encoder.columns()) + "); one of the two, as a list.");
        }
        tooMany(rows.size());
        List<FieldProblem> problems = new ArrayList<>();
        double[][] encoded = new double[rows.size()][];
        for (int r = 0; r < rows.size() && problems.size() < MAX_PROBLEMS; r++) {
            String at = (keyed ? "rows[" : "instances[") + r + "]";
            encoded[r] = keyed ? encoder.object(rows.get(r), at, problems) : encoder.array(rows.get(r), at, problems);
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid("the rows", problems);
        }
        Prediction prediction = model.predict(encoded);
        List<Map<String, Object>> answers = new ArrayList<>(encoded.length);
        for (int r = 0; r < encoded.length; r++) {
            answers.add(Models.answer(model, prediction, r, top));
        }
        return answers;
    }

    /**
     * Predicts every row of a CSV file, a chunk at a time, and writes the answer to {@code out} as it goes: the CSV's
     * own columns followed by the prediction's ({@code csv}), or the JSON document of {@link #json}. A problem may come
     * after some of the answer is written, so {@code out} should be a file that is sent only once this returns.
     */
    void csv(String owner, String jobId, InputStream in, boolean csv, Integer top, OutputStream out) throws IOException {
        LoadedModel model = models.load(owner, jobId);
        checkTop(model, top);
        CsvBatch batch = new CsvBatch(jobId, model, model.encoder(), top, csv, out);
        datasets.readCsv(in, batch);
        batch.finish();
    }

    private void tooMany(long rows) {
        if (rows > limits.maxRows()) {
            throw new ApiException(ProblemType.VALIDATION_FAILED, "The request has more than " + limits.maxRows()
                    + " rows, the most one prediction takes (trainyard.models.max-rows). Split it into smaller batches.");
        }
    }

    private static void checkTop(LoadedModel model, Integer top) {
        if (top == null) {
            return;
        }
        if (model.model().task() == Task.REGRESSION) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "top applies to classification; this model predicts "
                    + "values. Leave it out.");
        }
        int classes = model.model().classNames().size();
        if (top < 1 || top > classes) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "top must be between 1 and " + classes
                    + " (the model's classes), was " + top + ".");
        }
    }

    /** The rows of one CSV file, predicted a chunk at a time and written as they are. */
    private final class CsvBatch implements DatasetService.CsvRows {

        private final LoadedModel model;
        private final RowEncoder encoder;
        private final Integer top;
        private final boolean csv;
        private final Writer text;
        private final JsonGenerator generator;
        private final List<List<String>> pending = new ArrayList<>();
        private final double[][] encoded = new double[CHUNK][];
        private int[] positions;
        private long rows;

        private final String jobId;

        CsvBatch(String jobId, LoadedModel model, RowEncoder encoder, Integer top, boolean csv, OutputStream out) {
            this.jobId = jobId;
            this.model = model;
            this.encoder = encoder;
            this.top = top;
            this.csv = csv;
            this.text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            this.generator = csv ? null : json.createGenerator(text);
        }

        @Override
        public void header(List<String> names) {
            List<String> columns = encoder.columns();
            List<FieldProblem> problems = new ArrayList<>();
            positions = new int[columns.size()];
            for (int c = 0; c < columns.size(); c++) {
                positions[c] = names.indexOf(columns.get(c));
                if (positions[c] < 0) {
                    problems.add(new FieldProblem("header", "has no column '" + columns.get(c) + "'; the model takes "
                            + String.join(", ", columns)));
                }
            }
            for (String name : names) {
                if (!columns.contains(name) && !name.equals(encoder.target())) {
                    problems.add(new FieldProblem("header", "column '" + name + "' is not one the model takes ("
                            + String.join(", ", columns) + ")"));
                }
            }
            if (!problems.isEmpty()) {
                throw ApiException.invalid("the CSV", problems);
            }
            if (csv) {
                write(names, predictionColumns());
            } else {
                generator.writeStartObject();
                generator.writeStringProperty("job", jobId);
                generator.writeArrayPropertyStart("predictions");
            }
        }

        @Override
        public void row(long line, List<String> fields) {
            if (++rows > limits.maxRows()) {
                tooMany(rows);
            }
            List<FieldProblem> problems = new ArrayList<>();
            encoded[pending.size()] = encoder.fields(fields, positions, line, problems);
            if (!problems.isEmpty()) {
                throw ApiException.invalid("the CSV", problems);
            }
            pending.add(csv ? List.copyOf(fields) : List.of());
            if (pending.size() == CHUNK) {
                flush();
            }
        }

        void finish() throws IOException {
            if (positions == null) {
                throw new ApiException(ProblemType.VALIDATION_FAILED, "The CSV is empty; send a header row naming the "
                        + "columns (" + String.join(", ", encoder.columns()) + ") and then the rows.");
            }
            flush();
            if (csv) {
                text.flush();
            } else {
                generator.writeEndArray();
                generator.writeEndObject();
                generator.close(); // flushes and closes the writer, and with it the caller's file
            }
        }

        private void flush() {
            if (pending.isEmpty()) {
                return;
            }
            double[][] chunk = pending.size() == CHUNK ? encoded : Arrays.copyOf(encoded, pending.size());
            Prediction prediction = model.predict(chunk);
            for (int r = 0; r < pending.size(); r++) {
                Map<String, Object> answer = Models.answer(model, prediction, r, top);
                if (csv) {
                    write(pending.get(r), values(answer));
                } else {
                    generator.writePOJO(answer);
                }
            }
            pending.clear();
        }

        private List<String> predictionColumns() {
            if (model.model().task() == Task.REGRESSION) {
                return List.of("prediction");
            }
            List<String> columns = new ArrayList<>(List.of("prediction", "prediction_index"));
            if (top == null) {
                model.model().classNames().forEach(name -> columns.add("probability_" + name));
            } else {
                for (int k = 1; k <= top; k++) {
                    columns.add("top" + k + "_class");
                    columns.add("top" + k + "_probability");
                }
            }
            return columns;
        }

        @SuppressWarnings("unchecked")
        private List<String> values(Map<String, Object> answer) {
            if (answer.containsKey("value")) {
                return List.of(String.valueOf(answer.get("value")));
            }
            List<String> values = new ArrayList<>(List.of(String.valueOf(answer.get("class")),
                    String.valueOf(answer.get("index"))));
            ((Map<String, Double>) answer.get("probabilities")).forEach((name, p) -> {
                if (top != null) {
                    values.add(name);
                }
                values.add(String.valueOf(p));
            });
            return values;
        }

        private void write(List<String> first, List<String> second) {
            List<String> fields = new ArrayList<>(first.size() + second.size());
            first.forEach(field -> fields.add(quoted(field)));
            second.forEach(field -> fields.add(quoted(field)));
            try {
                text.write(String.join(",", fields));
                text.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String quoted(String field) {
        return field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")
                ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }
}
