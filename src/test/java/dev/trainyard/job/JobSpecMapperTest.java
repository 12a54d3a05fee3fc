package dev.trainyard.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.spec.Augmentation;
import dev.trainyard.engine.spec.Batch;
import dev.trainyard.engine.spec.EarlyStopping;
import dev.trainyard.engine.spec.Init;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.Loss;
import dev.trainyard.engine.spec.MissingValues;
import dev.trainyard.engine.spec.OptimizerSpec;
import dev.trainyard.engine.spec.Output;
import dev.trainyard.engine.spec.Regularization;
import dev.trainyard.engine.spec.Schedule;
import dev.trainyard.engine.spec.SplitSpec;
import dev.trainyard.system.FieldProblem;
import tools.jackson.databind.json.JsonMapper;

class JobSpecMapperTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The example of docs/design.md section 3, field for field. */
    private static final String DESIGN_EXAMPLE = """
            {
              "name": "digits-adam",
              "dataset": { "id": "builtin:digits", "validationSplit": 0.15, "testSplit": 0.15,
                           "standardize": true, "seed": 7 },
              "model": {
                "layers": [
                  { "type": "dense", "units": 64, "activation": "relu", "init": "he" },
                  { "type": "batch_norm" },
                  { "type": "dropout", "rate": 0.2 },
                  { "type": "dense", "units": 32, "activation": "leaky_relu", "alpha": 0.01 }
                ],
                "output": "auto",
                "loss": "auto"
              },
              "training": {
                "epochs": 100,
                "batch": { "mode": "mini_batch", "size": 32 },
                "optimizer": { "type": "adam", "learningRate": 0.001, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8 },
                "schedule": { "type": "step", "everyEpochs": 30, "factor": 0.5 },
                "regularization": { "l1": 0.0, "l2": 0.0001, "weightDecay": 0.0 },
                "earlyStopping": { "monitor": "val_loss", "patience": 10, "minDelta": 0.0001, "restoreBestWeights": true },
                "augmentation": { "gaussianNoise": 0.0, "image": { "shiftPixels": 1, "horizontalFlip": false,
                                  "rotationDegrees": 10, "zoom": 0.1 } },
                "gradientClipNorm": null,
                "seed": 42
              }
            }
            """;

    @Test
    void theDesignExampleMapsFieldForField() {
        JobPlan plan = plan(DESIGN_EXAMPLE);

        assertThat(plan.name()).isEqualTo("digits-adam");
        assertThat(plan.datasetId()).isEqualTo("builtin:digits");
        assertThat(plan.split()).isEqualTo(new SplitSpec(0.15, 0.15, true, 7));
        assertThat(plan.model().layers()).containsExactly(
                new LayerSpec.Dense(64, Activation.RELU, 0.01, new Init.He()),
                new LayerSpec.BatchNorm(0.9, 1e-5),
                new LayerSpec.Dropout(0.2),
                new LayerSpec.Dense(32, Activation.LEAKY_RELU, 0.01, new Init.He()));
        assertThat(plan.model().output()).isEqualTo(Output.AUTO);
        assertThat(plan.model().loss()).isEqualTo(Loss.AUTO);
        assertThat(plan.training().epochs()).isEqualTo(100);
        assertThat(plan.training().batch()).isEqualTo(Batch.of(32));
        assertThat(plan.training().optimizer()).isEqualTo(new OptimizerSpec.Adam(0.001, 0.9, 0.999, 1e-8));
        assertThat(plan.training().schedule()).isEqualTo(new Schedule.Step(30, 0.5, 0));
        assertThat(plan.training().regularization()).isEqualTo(new Regularization(0, 0.0001, 0, false));
        assertThat(plan.training().earlyStopping()).isEqualTo(new EarlyStopping("val_loss", 10, 0.0001, true));
        assertThat(plan.training().augmentation()).isEqualTo(new Augmentation(0, new Augmentation.Image(1, false, 10, 0.1)));
        assertThat(plan.training().gradientClipNorm()).isNull();
        assertThat(plan.training().seed()).isEqualTo(42);
    }

    @Test
    void theEffectiveSpecMapsBackToTheSamePlan() {
        List<String> variants = List.of(DESIGN_EXAMPLE,
                DESIGN_EXAMPLE.replace("\"type\": \"adam\"", "\"type\": \"nesterov\"").replace("\"step\"", "\"cosine\""),
                DESIGN_EXAMPLE.replace("\"type\": \"adam\"", "\"type\": \"rmsprop\"").replace("\"step\"", "\"exponential\""),
                DESIGN_EXAMPLE.replace("\"type\": \"adam\"", "\"type\": \"adamw\"").replace("\"init\": \"he\"",
                        "\"init\": {\"type\": \"normal\", \"std\": 0.02}"),
                DESIGN_EXAMPLE.replace("\"type\": \"adam\"", "\"type\": \"adagrad\"").replace("\"mini_batch\"", "\"full\""));
        for (String variant : variants) {
            JobPlan plan = plan(variant);
            assertThat(JobSpecMapper.map(EffectiveSpec.of(plan), JobLimits.UNBOUNDED).value()).isEqualTo(plan);
        }
    }

    @Test
    void aMinimalSpecTakesTheDocumentedDefaults() {
        JobPlan plan = plan("""
                {"dataset": {"id": "builtin:iris"}, "model": {"layers": [{"type": "dense", "units": 8, "activation": "tanh"}]}}
                """);
        assertThat(plan.split()).isEqualTo(new SplitSpec(0.15, 0.15, true, 7));
        assertThat(plan.model().layers().get(0)).isEqualTo(new LayerSpec.Dense(8, Activation.TANH, 0.01, new Init.Xavier()));
        assertThat(plan.training().epochs()).isEqualTo(20);
        assertThat(plan.training().optimizer()).isEqualTo(new OptimizerSpec.Adam(0.001, 0.9, 0.999, 1e-8));
        assertThat(plan.training().batch()).isEqualTo(Batch.of(32));
        assertThat(plan.training().seed()).isEqualTo(42);
    }

    @Test
    void everyMistakeIsReportedAtOnceUnderItsPath() {
        String spec = """
                {
                  "dataset": {"testSplit": 1.5},
                  "model": {"layers": [
                    {"type": "dense", "units": 0},
                    {"type": "dense", "units": 4, "activation": "relu6"},
                    {"type": "pooling"},
                    {"type": "dense", "units": 4, "init": {"type": "normal", "std": -1}}
                  ], "output": "softmax", "loss": "mean_squared_error"},
                  "training": {"epochs": 0, "optimizer": {"type": "adam", "learningRate": -0.1},
                               "batch": {"mode": "bunches"}}
                }
                """;
        List<FieldProblem> found = JobSpecMapper.map(JSON.readValue(spec, JobSpec.class), LIMITS).problems();
        assertThat(found).extracting(FieldProblem::field).containsExactly("dataset.id", "dataset",
                "model.layers[0]", "model.layers[1].activation", "model.layers[2].type", "model.layers[3].init",
                "training.batch.mode", "training.optimizer");
        assertThat(found).extracting(FieldProblem::message).contains(
                "dataset.testSplit must be >= 0 and < 1, was 1.5", "units must be > 0, was 0",
                "init.std must be > 0, was -1.0", "learningRate must be > 0, was -0.1");
        assertThat(found.get(3).message()).contains("sigmoid, tanh, relu, leaky_relu, linear", "relu6");
        assertThat(found.get(6).message()).isEqualTo("must be one of full, mini_batch, stochastic; was 'bunches'");
    }

    @Test
    void aMissingModelOrDatasetIsNamed() {
        assertThat(JobSpecMapper.map(JSON.readValue("{}", JobSpec.class), LIMITS).problems())
                .extracting(FieldProblem::field).containsExactly("dataset.id", "model.layers");
    }

    private static final JobLimits LIMITS = new JobLimits(5_000_000, 2_000_000_000, 64, 8, 200);
    private static final String DROPOUT = "{\"type\": \"dropout\", \"rate\": 0.1}";

    private static JobSpec spec(String layers) {
        return JSON.readValue("{\"dataset\": {\"id\": \"builtin:iris\"}, \"model\": {\"layers\": [" + layers + "]}}",
                JobSpec.class);
    }

    private static String residual(String... layers) {
        return "{\"type\": \"residual\", \"layers\": [" + String.join(", ", layers) + "]}";
    }

    private static String nested(int blocks) {
        String layer = DROPOUT;
        for (int i = 0; i < blocks; i++) {
            layer = residual(layer);
        }
        return layer;
    }

    private static List<FieldProblem> problems(JobSpec spec) {
        return JobSpecMapper.map(spec, LIMITS).problems();
    }

    /** The plan of a valid spec, as a worker maps a stored one: held to no limits. */
    private static JobPlan plan(String spec) {
        return plan(JSON.readValue(spec, JobSpec.class));
    }

    private static JobPlan plan(JobSpec spec) {
        Checked<JobPlan> checked = JobSpecMapper.map(spec, JobLimits.UNBOUNDED);
        assertThat(checked.problems()).isEmpty();
        return checked.value();
    }

    @Test
    void theLayerLimitCountsEveryResidualBlockAndEveryLayerInsideOne() {
        String[] inner = new String[63];
        java.util.Arrays.fill(inner, DROPOUT);
        assertThat(problems(spec(residual(inner)))).as("a block and its 63 layers are 64").isEmpty();

        String[] tooMany = java.util.Arrays.copyOf(inner, 20_000);
        java.util.Arrays.fill(tooMany, DROPOUT);
        List<FieldProblem> found = problems(spec(residual(tooMany)));
        assertThat(found).extracting(FieldProblem::field).containsExactly("model.layers[0].layers[63]");
        assertThat(found.get(0).message()).contains("layer 65 of a network with 20001 layers",
                "at most 64 are allowed (trainyard.jobs.max-layers)");
        assertThat(plan(spec(residual(tooMany))).model().layers()).as("a stored spec is not held to "
                + "today's limits").hasSize(1);
    }

    @Test
    void residualBlocksNestPastTheLimitAreNamedByTheirPath() {
        assertThat(problems(spec(nested(8)))).isEmpty();
        List<FieldProblem> found = problems(spec(nested(100)));
        assertThat(found).extracting(FieldProblem::field)
                .containsExactly("model.layers[0]" + ".layers[0]".repeat(8));
        assertThat(found.get(0).message()).contains("inside 8 others", "trainyard.jobs.max-nesting");
    }

    @Test
    void initTakesOnlyADocumentedSchemeAndItsOneParameter() {
        assertThat(problems(spec("{\"type\": \"dense\", \"units\": 4, \"init\": \"banana\"}")))
                .containsExactly(new FieldProblem("model.layers[0].init", "must be one of he, xavier, zeros, normal (std), "
                        + "uniform (limit) or constant (value); was 'banana'"));
        assertThat(problems(spec("{\"type\": \"dense\", \"units\": 4, \"init\": {\"type\": \"he\", \"junk\": [1, 2]}}")))
                .containsExactly(new FieldProblem("model.layers[0].init.junk", "unknown field for init he; allowed: type"));
        assertThat(problems(spec("{\"type\": \"dense\", \"units\": 4, \"init\": {\"type\": \"normal\", \"limit\": 1}}")))
                .extracting(FieldProblem::field).containsExactly("model.layers[0].init.limit");
        assertThat(problems(spec("{\"type\": \"dense\", \"units\": 4, \"init\": {\"type\": \"normal\", \"std\": \"wide\"}}")))
                .containsExactly(new FieldProblem("model.layers[0].init.std", "must be a number"));
        assertThat(problems(spec("{\"type\": \"dense\", \"units\": 4, \"init\": {\"std\": 0.1}}")))
                .extracting(FieldProblem::field).containsExactly("model.layers[0].init.type");
        assertThat(problems(spec("{\"type\": \"dense\", \"units\": 4, \"init\": [\"he\"]}")).get(0).message())
                .contains("he, xavier", "was a JSON array");
        assertThat(plan(spec("{\"type\": \"dense\", \"units\": 4, \"init\": {\"type\": \"Uniform\", \"limit\": 0.2}}"))
                .model().layers().get(0)).isEqualTo(new LayerSpec.Dense(4, Activation.RELU, 0.01, new Init.Uniform(0.2)));
    }

    @Test
    void aFieldThatDoesNotApplyToTheLayersTypeIsRefused() {
        List<FieldProblem> found = problems(spec("{\"type\": \"dense\", \"units\": 4, \"layers\": [" + DROPOUT + "]}, "
                + "{\"type\": \"dropout\", \"rate\": 0.1, \"units\": 3}"));
        assertThat(found).extracting(FieldProblem::field).containsExactly("model.layers[0].layers", "model.layers[1].units");
        assertThat(found.get(0).message()).isEqualTo("does not apply to a dense layer, which takes type, activation, "
                + "alpha, init, units");
    }

    @Test
    void freeFormStringsTakeOnlyTheirDocumentedValuesAndAreBounded() {
        JobSpec junk = JSON.readValue("""
                {"name": "%s", "dataset": {"id": "%s"}, "model": {"layers": [{"type": "%s"}], "output": "maybe"},
                 "training": {"earlyStopping": {"monitor": "%s"}, "schedule": {"type": "sawtooth"}}}
                """.formatted("n".repeat(201), "d".repeat(65), "t".repeat(500), "m".repeat(600)), JobSpec.class);
        List<FieldProblem> found = problems(junk);
        assertThat(found).extracting(FieldProblem::field).containsExactly("dataset.id", "model.layers[0].type",
                "model.output", "training.schedule.type", "training.earlyStopping", "name");
        assertThat(found.get(4).message()).contains("val_loss, val_accuracy", "(600 characters)");
        assertThat(found.get(1).message()).hasSizeLessThan(200).contains("(500 characters)");
        assertThat(found.get(5).message()).isEqualTo("must be at most 200 characters, had 201");
    }

    /** A spec on iris whose training or model part is {@code part}. */
    private static String with(String part) {
        return "{\"dataset\": {\"id\": \"builtin:iris\"}, " + part + "}";
    }

    /**
     * Every record a sealed spec type permits is reached by one of the names the mapper takes, and written back under
     * that name: a record added to the engine without its mapping fails here, instead of being stored as something else.
     */
    private static <T> void everyPermittedTypeIsMapped(Class<T> sealed, List<String> names, Function<String, String> spec,
            Function<JobPlan, T> built, Function<JobSpec, String> writtenBack) {
        Set<Class<?>> reached = new HashSet<>();
        for (String name : names) {
            JobPlan plan = plan(spec.apply(name));
            T value = built.apply(plan);
            reached.add(value.getClass());
            JobSpec effective = EffectiveSpec.of(plan);
            assertThat(writtenBack.apply(effective)).as(name + " written back").isEqualTo(name);
            assertThat(plan(effective)).as(name + " mapped again").isEqualTo(plan);
        }
        assertThat(reached).as("the " + sealed.getSimpleName() + " records the mapper builds")
                .containsExactlyInAnyOrder(sealed.getPermittedSubclasses());
    }

    @Test
    void everyOptimizerScheduleLayerAndInitIsMappedBothWays() {
        everyPermittedTypeIsMapped(OptimizerSpec.class, JobSpecMapper.OPTIMIZERS,
                name -> with("\"model\": {\"layers\": []}, \"training\": {\"optimizer\": {\"type\": \"" + name + "\"}}"),
                plan -> plan.training().optimizer(), spec -> spec.training().optimizer().type());
        everyPermittedTypeIsMapped(Schedule.class, JobSpecMapper.SCHEDULES,
                name -> with("\"model\": {\"layers\": []}, \"training\": {\"schedule\": {\"type\": \"" + name + "\"}}"),
                plan -> plan.training().schedule(), spec -> spec.training().schedule().type());
        Map<String, String> layers = Map.of("dense", "{\"type\": \"dense\", \"units\": 4}",
                "batch_norm", "{\"type\": \"batch_norm\"}", "dropout", DROPOUT, "residual", residual(DROPOUT));
        assertThat(layers.keySet()).as("a layer type this test has no example of").containsExactlyInAnyOrderElementsOf(
                LayerMapper.TYPES);
        everyPermittedTypeIsMapped(LayerSpec.class, LayerMapper.TYPES,
                name -> with("\"model\": {\"layers\": [" + layers.get(name) + "]}"),
                plan -> plan.model().layers().get(0), spec -> spec.model().layers().get(0).type());
        everyPermittedTypeIsMapped(Init.class, InitReader.TYPES,
                name -> with("\"model\": {\"layers\": [{\"type\": \"dense\", \"units\": 4, \"init\": \"" + name + "\"}]}"),
                plan -> ((LayerSpec.Dense) plan.model().layers().get(0)).init(),
                spec -> spec.model().layers().get(0).init().path("type").asString());
    }

    @Test
    void everyEnumValueIsMappedBothWays() {
        Map<Class<? extends Enum<?>>, Function<String, String>> specs = Map.of(
                Activation.class, name -> with("\"model\": {\"layers\": [{\"type\": \"dense\", \"units\": 4, "
                        + "\"activation\": \"" + name + "\"}]}"),
                Output.class, name -> with("\"model\": {\"layers\": [], \"output\": \"" + name + "\"}"),
                Loss.class, name -> with("\"model\": {\"layers\": [], \"loss\": \"" + name + "\"}"),
                Batch.Mode.class, name -> with("\"model\": {\"layers\": []}, \"training\": {\"batch\": {\"mode\": \""
                        + name + "\"}}"),
                MissingValues.Strategy.class, name -> "{\"dataset\": {\"id\": \"builtin:iris\", \"missing\": "
                        + "{\"strategy\": \"" + name + "\"}}, \"model\": {\"layers\": []}}",
                MissingValues.Statistic.class, name -> "{\"dataset\": {\"id\": \"builtin:iris\", \"missing\": "
                        + "{\"strategy\": \"impute\", \"impute\": \"" + name + "\"}}, \"model\": {\"layers\": []}}");
        specs.forEach((type, spec) -> Arrays.stream(type.getEnumConstants()).forEach(constant -> {
            String name = constant.name().toLowerCase(Locale.ROOT);
            JobPlan plan = plan(spec.apply(name));
            String effective = CanonicalSpec.json(EffectiveSpec.of(plan));
            assertThat(effective).as(type.getSimpleName() + " " + name).contains("\"" + name + "\"");
            assertThat(plan(EffectiveSpec.of(plan))).as(name + " mapped again").isEqualTo(plan);
        }));
    }

    @Test
    void theEffectiveSpecWritesEveryDefaultAndIsItsOwnEffectiveSpec() {
        JobPlan plan = plan(with("\"model\": {\"layers\": [{\"type\": \"dense\", \"units\": 4}]}, "
                + "\"training\": {\"earlyStopping\": {}, \"augmentation\": {\"image\": {}}}"));
        String effective = CanonicalSpec.json(EffectiveSpec.of(plan));
        assertThat(CanonicalSpec.flatten(effective)).containsOnlyKeys("dataset.id", "dataset.validationSplit",
                "dataset.testSplit", "dataset.standardize", "dataset.standardizeTarget", "dataset.seed", "dataset.missing.strategy",
                "dataset.missing.impute", "dataset.missing.indicator", "model.layers[0].type",
                "model.layers[0].units", "model.layers[0].activation", "model.layers[0].alpha",
                "model.layers[0].init.type", "model.output", "model.loss", "training.epochs", "training.batch.mode",
                "training.batch.size", "training.optimizer.type", "training.optimizer.learningRate",
                "training.optimizer.beta1", "training.optimizer.beta2", "training.optimizer.epsilon",
                "training.schedule.type", "training.schedule.warmupEpochs", "training.regularization.l1",
                "training.regularization.l2", "training.regularization.weightDecay",
                "training.regularization.includeBiases", "training.earlyStopping.monitor",
                "training.earlyStopping.patience", "training.earlyStopping.minDelta",
                "training.earlyStopping.restoreBestWeights", "training.augmentation.gaussianNoise",
                "training.augmentation.image.shiftPixels", "training.augmentation.image.horizontalFlip",
                "training.augmentation.image.rotationDegrees", "training.augmentation.image.zoom", "training.seed",
                "training.analyses.sharpnessEvery", "training.snapshots.decisionBoundaryEvery",
                "training.snapshots.modelEvery", "priority");
        Checked<JobPlan> again = JobSpecMapper.stored(effective, JSON);
        assertThat(CanonicalSpec.json(EffectiveSpec.of(again.value()))).isEqualTo(effective);
    }

    @Test
    void anAutoLearningRateAndTheProbesSurviveTheEffectiveSpec() {
        JobPlan plan = plan(with("\"model\": {\"layers\": [{\"type\": \"dense\", \"units\": 4}]}, "
                + "\"training\": {\"epochs\": 30, \"optimizer\": {\"type\": \"sgd\", \"learningRate\": \"AUTO\"}, "
                + "\"analyses\": {\"sharpnessEvery\": 3}, \"snapshots\": {\"modelEvery\": 10}}"));
        assertThat(plan.searchLearningRate()).isTrue();
        assertThat(plan.training().optimizer().learningRate()).as("the default until the search has run")
                .isEqualTo(OptimizerSpec.Sgd.DEFAULT.learningRate());
        assertThat(plan.probes()).isEqualTo(new Probes(3, 0, 10));
        String effective = CanonicalSpec.json(EffectiveSpec.of(plan));
        assertThat(CanonicalSpec.flatten(effective)).containsEntry("training.optimizer.learningRate", "auto");
        JobPlan again = JobSpecMapper.stored(effective, JSON).value();
        assertThat(again.searchLearningRate()).isTrue();
        assertThat(again.probes()).isEqualTo(plan.probes());
        assertThat(plan(with("\"model\": {\"layers\": [{\"type\": \"dense\", \"units\": 4}]}, "
                + "\"training\": {\"optimizer\": {\"learningRate\": 0.5}}")).searchLearningRate()).isFalse();
    }

    @Test
    void aStoredSpecThatCannotBeReadIsAProblemNotAnException() {
        assertThat(JobSpecMapper.stored("{\"model\": 1}", JSON).problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).startsWith("is not a job spec this server can read"));
        assertThat(JobSpecMapper.stored("{\"dataset\": {\"id\": \"builtin:iris\"}}", JSON).problems())
                .extracting(FieldProblem::field).containsExactly("model.layers");
    }
}
