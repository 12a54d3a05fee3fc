package dev.trainyard.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.trainyard.engine.data.Generators;
import dev.trainyard.engine.data.Imputer;
import dev.trainyard.engine.data.LabeledData;
import dev.trainyard.engine.data.Normalizer;
import dev.trainyard.engine.data.Preparation;
import dev.trainyard.engine.model.Predictor;
import dev.trainyard.engine.model.TrainedModel;
import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.spec.Batch;
import dev.trainyard.engine.spec.Init;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.Loss;
import dev.trainyard.engine.spec.MissingValues;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.Output;
import dev.trainyard.engine.spec.SplitSpec;
import dev.trainyard.engine.spec.Specs;
import dev.trainyard.engine.spec.Task;
import dev.trainyard.engine.train.Trainer;
import dev.trainyard.engine.train.TrainingListener;
import onnx.OnnxProto.ModelProto;
import onnx.OnnxProto.NodeProto;

/**
 * Trains small networks with the engine, exports them, runs the exports in ONNX Runtime and compares with the engine's
 * own {@link Predictor} on raw rows the model never saw. Between them the models use every layer kind, every hidden
 * activation and every output, and models that impute missing values with every statistic, with and without
 * indicators.
 */
class OnnxExportTest {

    /** Absolute difference allowed, or relative to the value where |value| > 1. */
    static final double TOLERANCE = 1e-5;

    static OrtEnvironment environment;

    @BeforeAll
    static void startRuntime() {
        environment = OrtEnvironment.getEnvironment();
    }

    @AfterAll
    static void report() {
        System.out.println("ONNX export: largest difference from the engine " + largest);
    }

    static double largest;

    @Test
    void softmaxClassifierWithEveryLayerKind() throws OrtException {
        ModelSpec spec = Specs.model(
                new LayerSpec.Dense(16, Activation.LEAKY_RELU, 0.2, new Init.He()),
                LayerSpec.BatchNorm.DEFAULT,
                new LayerSpec.Dropout(0.2),
                new LayerSpec.Residual(List.of(LayerSpec.Dense.of(16, Activation.TANH), new LayerSpec.BatchNorm(0.8, 1e-3))),
                LayerSpec.Dense.of(8, Activation.SIGMOID)).build();
        TrainedModel model = train(spec, widened(Generators.blobs(300, 4, 0.8, 1)));
        assertThat(model.loss()).isEqualTo(Loss.SOFTMAX_CROSS_ENTROPY);
        assertThat(model.outputs()).isEqualTo(4);

        byte[] onnx = OnnxExport.export(model, "blobs");
        assertSameAsTheEngine(model, onnx, table(widened(Generators.blobs(200, 4, 1.2, 99))));
        assertThat(ops(onnx)).containsExactly("Sub", "Div", "Gemm", "LeakyRelu", "Mul", "Add", "Gemm", "Tanh", "Mul",
                "Add", "Add", "Gemm", "Sigmoid", "Gemm", "Softmax");
        float[][] probabilities = run(onnx, table(widened(Generators.blobs(20, 4, 1, 5))));
        for (float[] row : probabilities) {
            double sum = 0;
            for (float p : row) {
                sum += p;
            }
            assertThat(sum).isBetween(1 - 1e-5, 1 + 1e-5);
        }
    }

    @Test
    void sigmoidBinaryClassifierWithReluLinearAndResidualDropout() throws OrtException {
        ModelSpec spec = Specs.model(
                LayerSpec.Dense.of(12, Activation.RELU),
                new LayerSpec.Residual(List.of(LayerSpec.Dense.of(12, Activation.LINEAR), new LayerSpec.Dropout(0.1))),
                LayerSpec.Dense.of(6, Activation.TANH))
                .output(Output.SIGMOID).loss(Loss.BINARY_CROSS_ENTROPY).build();
        TrainedModel model = train(spec, widened(Generators.circles(300, 0.1, 2)));
        assertThat(model.outputs()).isEqualTo(1);

        byte[] onnx = OnnxExport.export(model, "circles");
        assertSameAsTheEngine(model, onnx, table(widened(Generators.circles(200, 0.2, 98))));
        assertThat(ops(onnx)).containsExactly("Sub", "Div", "Gemm", "Relu", "Gemm", "Add", "Gemm", "Tanh", "Gemm",
                "Sigmoid");
    }

    @Test
    void linearRegressionWithBatchNormAndEveryOtherActivation() throws OrtException {
        ModelSpec spec = Specs.model(
                LayerSpec.Dense.of(10, Activation.TANH),
                LayerSpec.BatchNorm.DEFAULT,
                LayerSpec.Dense.of(10, Activation.RELU),
                new LayerSpec.Residual(List.of(new LayerSpec.Dense(10, Activation.LEAKY_RELU, 0.05, new Init.He()),
                        LayerSpec.Dense.of(10, Activation.SIGMOID)))).build();
        LabeledData sine = Generators.sine(300, 0.05, 3);
        TrainedModel model = train(spec, widenedRegression(sine), RAW_TARGET);
        assertThat(model.loss()).isEqualTo(Loss.MEAN_SQUARED_ERROR);
        assertThat(model.target()).isNull();

        byte[] onnx = OnnxExport.export(model, "sine");
        double[][] heldOut = table(widenedRegression(Generators.sine(200, 0.05, 97)));
        assertSameAsTheEngine(model, onnx, heldOut);
        assertThat(ops(onnx)).containsExactly("Sub", "Div", "Gemm", "Tanh", "Mul", "Add", "Gemm", "Relu", "Gemm",
                "LeakyRelu", "Gemm", "Sigmoid", "Add", "Gemm");

        // The same model for a target standardized as (y - 40) / 12: the graph maps outputs back to y.
        byte[] scaled = OnnxExport.export(model, "sine", 40, 12);
        double[][] engine = Predictor.load(model).predict(heldOut).outputs();
        float[][] runtime = run(scaled, heldOut);
        for (int r = 0; r < heldOut.length; r++) {
            assertClose(runtime[r][0], engine[r][0] * 12 + 40, r);
        }
        assertThat(ops(scaled)).endsWith("Gemm", "Mul", "Add");

        // Trained on its standardized target (the default), the model's own scale ends the graph.
        TrainedModel standardized = train(spec, widenedRegression(sine));
        assertThat(standardized.target()).isNotNull();
        byte[] own = OnnxExport.export(standardized, "sine");
        assertSameAsTheEngine(standardized, own, heldOut);
        assertThat(ops(own)).endsWith("Gemm", "Mul", "Add");
        assertThatThrownBy(() -> OnnxExport.export(standardized, "sine", 40, 12)).hasMessageContaining("own target");
    }

    @Test
    void noHiddenLayersIsLogisticRegression() throws OrtException {
        TrainedModel model = train(Specs.model().build(), widened(Generators.moons(200, 0.1, 4)));
        byte[] onnx = OnnxExport.export(model, "moons");
        assertSameAsTheEngine(model, onnx, table(widened(Generators.moons(100, 0.1, 96))));
        assertThat(ops(onnx)).containsExactly("Sub", "Div", "Gemm", "Sigmoid");
    }

    @Test
    void theModelIsStandardOnnxWithNamedInputAndOutput() throws Exception {
        TrainedModel model = train(Specs.model(LayerSpec.Dense.of(4, Activation.RELU)).build(),
                widened(Generators.xor(100, 0.05, 5)));
        byte[] onnx = OnnxExport.export(model, "xor");

        ModelProto proto = ModelProto.parseFrom(onnx);
        assertThat(proto.getIrVersion()).isEqualTo(8);
        assertThat(proto.getOpsetImportList()).singleElement().satisfies(opset -> {
            assertThat(opset.getDomain()).isEmpty();
            assertThat(opset.getVersion()).isEqualTo(17);
        });
        assertThat(proto.getProducerName()).isEqualTo("trainyard");
        assertThat(proto.getDocString()).isNotBlank();
        assertThat(proto.getGraph().getName()).isEqualTo("xor");
        assertThat(proto.getGraph().getDocString()).isNotBlank();
        assertThat(proto.getGraph().getNodeList()).allSatisfy(node -> assertThat(node.getDocString()).isNotBlank());
        assertThat(proto.getGraph().getNode(2).getDocString()).isEqualTo("layer0: dense, 4 units, relu");
        assertThat(proto.getMetadataPropsList()).anySatisfy(entry -> {
            assertThat(entry.getKey()).isEqualTo("classes");
            assertThat(entry.getValue()).isEqualTo(String.join("\n", model.classNames()));
        });

        try (OrtSession session = environment.createSession(onnx, new OrtSession.SessionOptions())) {
            assertThat(session.getInputNames()).containsExactly("features");
            assertThat(session.getOutputNames()).containsExactly("output");
            assertThat(shape(session.getInputInfo().get("features"))).containsExactly(-1, 4);
            // two classes: one sigmoid column
            assertThat(shape(session.getOutputInfo().get("output"))).containsExactly(-1, 1);
            assertThat(session.getMetadata().getProducerName()).isEqualTo("trainyard");
            assertThat(session.getMetadata().getGraphName()).isEqualTo("xor");
        }
    }

    @Test
    void onlyRegressionModelsTakeATargetScale() {
        TrainedModel model = train(Specs.model().build(), widened(Generators.xor(60, 0.05, 6)));
        assertThatThrownBy(() -> OnnxExport.export(model, "xor", 0, 1))
                .hasMessageContaining("only a regression model");
        assertThatThrownBy(() -> OnnxExport.export(model, " ")).hasMessage("the graph needs a name");
    }

    @ParameterizedTest(name = "{0}, indicators {1}")
    @CsvSource({"MEAN, false", "MEAN, true", "MEDIAN, false", "MEDIAN, true", "MOST_FREQUENT, false",
            "MOST_FREQUENT, true"})
    void anImputingModelFillsNanCellsAndAppendsItsIndicatorsInTheGraph(MissingValues.Statistic statistic,
            boolean indicator) throws OrtException {
        ModelSpec spec = Specs.model(LayerSpec.Dense.of(8, Activation.TANH), LayerSpec.BatchNorm.DEFAULT).build();
        SplitSpec split = new SplitSpec(0.15, 0.15, true, 7, new MissingValues(MissingValues.Strategy.IMPUTE,
                statistic, indicator));
        TrainedModel model = train(spec, gaps(widened(Generators.blobs(300, 3, 0.8, 1)), false), split);
        assertThat(model.imputer()).isNotNull();
        assertThat(model.rawFeatures()).isEqualTo(4);
        // Column 1 had no missing values in training: it has a fill value but no indicator.
        assertThat(model.imputer().indicated()).containsExactly(indicator, false, indicator, indicator);
        assertThat(model.inputs()).isEqualTo(indicator ? 7 : 4);

        byte[] onnx = OnnxExport.export(model, "gaps");
        double[][] heldOut = table(gaps(widened(Generators.blobs(200, 3, 1.2, 99)), true));
        assertThat(java.util.Arrays.stream(heldOut).filter(row -> java.util.Arrays.stream(row).allMatch(Double::isNaN)))
                .isNotEmpty();
        assertSameAsTheEngine(model, onnx, heldOut);
        List<String> imputer = indicator ? List.of("IsNaN", "Where", "Gather", "Cast", "Concat")
                : List.of("IsNaN", "Where");
        assertThat(ops(onnx)).startsWith(imputer.toArray(String[]::new));
        assertThat(ops(onnx).subList(imputer.size(), ops(onnx).size())).containsExactly("Sub", "Div", "Gemm", "Tanh",
                "Mul", "Add", "Gemm", "Softmax");
        try (OrtSession session = environment.createSession(onnx, new OrtSession.SessionOptions())) {
            assertThat(shape(session.getInputInfo().get("features"))).containsExactly(-1, 4);
        }
    }

    @Test
    void theGraphImputesARowAsWorkedOutByHand() throws OrtException {
        // Three raw features; 0 and 2 have indicators. The network is the identity (y = x I + 0) over the five
        // inputs, so the output is the imputed and normalized row itself.
        double[] identity = new double[5 * 5 + 5];
        for (int i = 0; i < 5; i++) {
            identity[i * 5 + i] = 1;
        }
        TrainedModel model = new TrainedModel(new ModelSpec(List.of(), Output.LINEAR, Loss.MEAN_SQUARED_ERROR),
                Loss.MEAN_SQUARED_ERROR, Task.REGRESSION, 5, 5, List.of(),
                new Normalizer(new double[] {1, 2, 3, 0.5, 0.25}, new double[] {2, 4, 1, 0.5, 0.5}), identity,
                List.of(), new Imputer(new double[] {1.5, -2, 4}, new boolean[] {true, false, true}), null);
        double nan = Double.NaN;
        double[][] rows = {{nan, 3, nan}, {2, nan, 5}, {nan, nan, nan}, {7, 1, -1}, {nan, 3, 5}, {2, 1, nan}};
        // imputed: {1.5, 3, 4, 1, 1}, {2, -2, 5, 0, 0}, {1.5, -2, 4, 1, 1}, {7, 1, -1, 0, 0}, {1.5, 3, 5, 1, 0},
        // {2, 1, 4, 0, 1}; then (x - mean) / scale
        double[][] expected = {{0.25, 0.25, 1, 1, 1.5}, {0.5, -1, 2, -1, -0.5}, {0.25, -1, 1, 1, 1.5},
                {3, -0.25, -4, -1, -0.5}, {0.25, 0.25, 2, 1, -0.5}, {0.5, -0.25, 1, -1, 1.5}};
        byte[] onnx = OnnxExport.export(model, "by-hand");
        assertThat(ops(onnx)).containsExactly("IsNaN", "Where", "Gather", "Cast", "Concat", "Sub", "Div", "Gemm");
        double[][] engine = Predictor.load(model).predict(rows).outputs();
        for (OrtSession.SessionOptions.OptLevel level : List.of(OrtSession.SessionOptions.OptLevel.NO_OPT,
                OrtSession.SessionOptions.OptLevel.ALL_OPT)) {
            float[][] runtime = run(onnx, rows, level);
            for (int r = 0; r < rows.length; r++) {
                for (int c = 0; c < 5; c++) {
                    assertClose(runtime[r][c], expected[r][c], r);
                    assertClose(engine[r][c], expected[r][c], r);
                }
            }
        }
    }

    @Test
    void aModelWithoutAnImputerTakesItsInputsAndPassesNanThrough() throws OrtException {
        TrainedModel model = train(Specs.model().build(), widened(Generators.moons(100, 0.1, 7)));
        byte[] onnx = OnnxExport.export(model, "moons");
        assertThat(ops(onnx)).doesNotContain("IsNaN", "Where");
        float[][] runtime = run(onnx, new double[][] {{Double.NaN, 1, 0, 1}});
        assertThat(runtime[0][0]).isNaN();
    }

    private static long[] shape(NodeInfo info) {
        return ((TensorInfo) info.getInfo()).getShape();
    }

    private static TrainedModel train(ModelSpec spec, LabeledData data) {
        return train(spec, data, SplitSpec.DEFAULT);
    }

    private static TrainedModel train(ModelSpec spec, LabeledData data, SplitSpec split) {
        return Trainer.train(spec, Specs.training(25).batch(Batch.of(32)).adam(0.01).seed(11).build(),
                Preparation.prepare(data, split), TrainingListener.NONE).model();
    }

    /** The default split, but a regression's target left as it is, so the network's output is the value. */
    private static final SplitSpec RAW_TARGET = new SplitSpec(SplitSpec.DEFAULT.validation(), SplitSpec.DEFAULT.test(),
            true, SplitSpec.DEFAULT.seed(), SplitSpec.DEFAULT.missing(), false);

    private static void assertSameAsTheEngine(TrainedModel model, byte[] onnx, double[][] rows) throws OrtException {
        double[][] engine = Predictor.load(model).predict(rows).outputs();
        // The graph as written, and as ONNX Runtime rewrites it (fused and constant-folded).
        for (OrtSession.SessionOptions.OptLevel level : List.of(OrtSession.SessionOptions.OptLevel.NO_OPT,
                OrtSession.SessionOptions.OptLevel.ALL_OPT)) {
            float[][] runtime = run(onnx, rows, level);
            assertThat(runtime).hasNumberOfRows(rows.length);
            for (int r = 0; r < rows.length; r++) {
                assertThat(runtime[r]).hasSize(model.outputs());
                for (int c = 0; c < model.outputs(); c++) {
                    assertClose(runtime[r][c], engine[r][c], r);
                }
            }
        }
    }

    private static void assertClose(double actual, double expected, int row) {
        double difference = Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
        largest = Math.max(largest, difference);
        assertThat(difference).as("row %d: ONNX Runtime %s, engine %s", row, actual, expected).isLessThanOrEqualTo(TOLERANCE);
    }

    private static float[][] run(byte[] onnx, double[][] rows) throws OrtException {
        return run(onnx, rows, OrtSession.SessionOptions.OptLevel.ALL_OPT);
    }

    private static float[][] run(byte[] onnx, double[][] rows, OrtSession.SessionOptions.OptLevel level)
            throws OrtException {
        float[][] input = new float[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            input[r] = new float[rows[r].length];
            for (int c = 0; c < rows[r].length; c++) {
                input[r][c] = (float) rows[r][c];
            }
        }
        try (OrtSession.SessionOptions options = options(level);
             OrtSession session = environment.createSession(onnx, options);
             OnnxTensor tensor = OnnxTensor.createTensor(environment, input);
             OrtSession.Result result = session.run(Map.of("features", tensor))) {
            return (float[][]) result.get("output").orElseThrow().getValue();
        }
    }

    private static OrtSession.SessionOptions options(OrtSession.SessionOptions.OptLevel level) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setOptimizationLevel(level);
        return options;
    }

    private static List<String> ops(byte[] onnx) {
        try {
            return ModelProto.parseFrom(onnx).getGraph().getNodeList().stream().map(NodeProto::getOpType).toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Raw rows as a table would hold them: the two coordinates on their own scales away from zero, a one-hot column
     * and a product, so the normalizer matters. Values are rounded to floats, as the ONNX input is float.
     */
    private static LabeledData widened(LabeledData points) {
        int rows = points.features().length / 2;
        double[] wide = new double[rows * 4];
        for (int r = 0; r < rows; r++) {
            double x = points.features()[2 * r];
            double y = points.features()[2 * r + 1];
            wide[4 * r] = (float) (100 + 10 * x);
            wide[4 * r + 1] = (float) (3 * y - 20);
            wide[4 * r + 2] = x > 0 ? 1 : 0;
            wide[4 * r + 3] = (float) (x * y);
        }
        return LabeledData.classification(wide, 4, points.labels());
    }

    /**
     * The rows with NaN cells: in columns 0, 2 and 3 at different rates (so their indicators differ), and in
     * {@code heldOut} rows also in column 1, which training never saw missing, and every fifth row missing all four.
     */
    private static LabeledData gaps(LabeledData data, boolean heldOut) {
        double[] features = data.features().clone();
        int width = data.featureCount();
        for (int r = 0; r < data.rows(); r++) {
            int at = r * width;
            features[at] = r % 5 == 1 ? Double.NaN : features[at];
            features[at + 2] = r % 7 == 2 ? Double.NaN : features[at + 2];
            features[at + 3] = r % 3 == 0 ? Double.NaN : features[at + 3];
            if (heldOut) {
                features[at + 1] = r % 4 == 3 ? Double.NaN : features[at + 1];
                if (r % 5 == 4) {
                    java.util.Arrays.fill(features, at, at + width, Double.NaN);
                }
            }
        }
        return LabeledData.classification(features, width, data.labels());
    }

    private static LabeledData widenedRegression(LabeledData points) {
        int rows = points.features().length;
        double[] wide = new double[rows * 2];
        for (int r = 0; r < rows; r++) {
            double x = points.features()[r];
            wide[2 * r] = (float) (50 + x);
            wide[2 * r + 1] = (float) (x * x);
        }
        return LabeledData.regression(wide, 2, points.values());
    }

    private static double[][] table(LabeledData data) {
        int width = data.featureCount();
        double[][] rows = new double[data.rows()][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = java.util.Arrays.copyOfRange(data.features(), r * width, (r + 1) * width);
        }
        return rows;
    }
}
