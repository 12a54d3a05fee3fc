package dev.trainyard.job;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.spec.Augmentation;
import dev.trainyard.engine.spec.Batch;
import dev.trainyard.engine.spec.EarlyStopping;
import dev.trainyard.engine.spec.Init;
import dev.trainyard.engine.spec.InvalidSpecException;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.Loss;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.OptimizerSpec;
import dev.trainyard.engine.spec.Output;
import dev.trainyard.engine.spec.Regularization;
import dev.trainyard.engine.spec.Schedule;
import dev.trainyard.engine.spec.SplitSpec;
import dev.trainyard.engine.spec.TrainingSpec;
import dev.trainyard.system.ApiException;
import dev.trainyard.system.FieldProblem;
import tools.jackson.databind.JsonNode;

/**
 * Checks a whole job spec and builds the engine's specs from it. Each part is built on its own,
 * so every mistake is reported in one answer, each under the path of the field it concerns
 * ({@code model.layers[2]}); the engine's records say what is wrong with the value.
 */
final class JobSpecMapper {

    static final int DEFAULT_EPOCHS = 20;
    static final int DEFAULT_BATCH = 32;
    static final long DEFAULT_SEED = 42;

    private final List<FieldProblem> problems = new ArrayList<>();

    private JobSpecMapper() {
    }

    static JobPlan map(JobSpec spec) {
        JobSpecMapper mapper = new JobSpecMapper();
        JobPlan plan = mapper.plan(spec == null ? new JobSpec(null, null, null, null) : spec);
        if (!mapper.problems.isEmpty()) {
            throw ApiException.invalid("the job spec", mapper.problems);
        }
        return plan;
    }

    private JobPlan plan(JobSpec spec) {
        JobSpec.DatasetPart dataset = spec.dataset();
        String datasetId = dataset == null || dataset.id() == null || dataset.id().isBlank() ? null : dataset.id().strip();
        boolean generated = dataset != null && dataset.generate() != null;
        if (datasetId == null && !generated) {
            problems.add(new FieldProblem("dataset.id", "is required: a built-in such as builtin:digits, the id of "
                    + "one of your datasets, or dataset.generate instead"));
        } else if (datasetId != null && generated) {
            problems.add(new FieldProblem("dataset.generate", "cannot come with dataset.id; give one of them"));
        }
        SplitSpec split = attempt("dataset", () -> dataset == null ? SplitSpec.DEFAULT : new SplitSpec(
                or(dataset.validationSplit(), SplitSpec.DEFAULT.validation()), or(dataset.testSplit(), SplitSpec.DEFAULT.test()),
                or(dataset.standardize(), true), or(dataset.seed(), SplitSpec.DEFAULT.seed())));
        ModelSpec model = model(spec.model());
        TrainingSpec training = training(spec.training());
        String name = spec.name() == null || spec.name().isBlank() ? null : spec.name().strip();
        if (name != null && name.length() > 200) {
            problems.add(new FieldProblem("name", "must be at most 200 characters, had " + name.length()));
        }
        return new JobPlan(name, datasetId, split, model, training);
    }

    private ModelSpec model(JobSpec.ModelPart model) {
        if (model == null || model.layers() == null) {
            problems.add(new FieldProblem("model.layers", "is required (an empty list trains a linear model)"));
            return null;
        }
        List<LayerSpec> layers = layers(model.layers(), "model.layers");
        Output output = choice("model.output", model.output(), Output.class, Output.AUTO);
        Loss loss = choice("model.loss", model.loss(), Loss.class, Loss.AUTO);
        if (layers == null || output == null || loss == null) {
            return null;
        }
        return attempt("model", () -> new ModelSpec(layers, output, loss));
    }

    private List<LayerSpec> layers(List<JobSpec.LayerPart> parts, String path) {
        List<LayerSpec> layers = new ArrayList<>();
        boolean complete = true;
        for (int i = 0; i < parts.size(); i++) {
            LayerSpec layer = layer(parts.get(i), path + "[" + i + "]");
            complete &= layer != null;
            layers.add(layer);
        }
        return complete ? layers : null;
    }

    private LayerSpec layer(JobSpec.LayerPart part, String path) {
        if (part == null || part.type() == null) {
            problems.add(new FieldProblem(path + ".type", "is required: dense, batch_norm, dropout or residual"));
            return null;
        }
        switch (part.type().strip().toLowerCase(Locale.ROOT)) {
            case "dense" -> {
                Activation activation = choice(path + ".activation", part.activation(), Activation.class, Activation.RELU);
                Init init = init(part.init(), activation, path + ".init");
                if (part.units() == null) {
                    problems.add(new FieldProblem(path + ".units", "is required for a dense layer"));
                    return null;
                }
                return activation == null || init == null ? null : attempt(path, () -> new LayerSpec.Dense(part.units(),
                        activation, or(part.alpha(), LayerSpec.Dense.DEFAULT_LEAKY_SLOPE), init));
            }
            case "batch_norm" -> {
                return attempt(path, () -> new LayerSpec.BatchNorm(or(part.momentum(), LayerSpec.BatchNorm.DEFAULT.momentum()),
                        or(part.epsilon(), LayerSpec.BatchNorm.DEFAULT.epsilon())));
            }
            case "dropout" -> {
                if (part.rate() == null) {
                    problems.add(new FieldProblem(path + ".rate", "is required for a dropout layer, e.g. 0.2"));
                    return null;
                }
                return attempt(path, () -> new LayerSpec.Dropout(part.rate()));
            }
            case "residual" -> {
                if (part.layers() == null || part.layers().isEmpty()) {
                    problems.add(new FieldProblem(path + ".layers", "a residual block needs at least one layer"));
                    return null;
                }
                List<LayerSpec> inner = layers(part.layers(), path + ".layers");
                return inner == null ? null : attempt(path, () -> new LayerSpec.Residual(inner));
            }
            default -> {
                problems.add(new FieldProblem(path + ".type", "must be one of dense, batch_norm, dropout, residual; was '"
                        + part.type() + "'"));
                return null;
            }
        }
    }

    private Init init(JsonNode init, Activation activation, String path) {
        if (init == null || init.isNull()) {
            return activation == null || activation == Activation.RELU || activation == Activation.LEAKY_RELU
                    ? new Init.He() : new Init.Xavier();
        }
        String type = init.isString() ? init.asString() : init.path("type").asString("");
        Map<String, Double> parameters = new HashMap<>();
        for (String name : List.of("std", "limit", "value")) {
            if (init.path(name).isNumber()) {
                parameters.put(name, init.path(name).asDouble());
            }
        }
        return attempt(path, () -> Init.of(type, parameters));
    }

    private TrainingSpec training(JobSpec.TrainingPart training) {
        JobSpec.TrainingPart t = training == null ? new JobSpec.TrainingPart(null, null, null, null, null, null, null,
                null, null) : training;
        Batch batch = batch(t.batch());
        OptimizerSpec optimizer = optimizer(t.optimizer());
        Schedule schedule = schedule(t.schedule());
        Regularization regularization = t.regularization() == null ? Regularization.NONE : attempt("training.regularization",
                () -> new Regularization(or(t.regularization().l1(), 0.0), or(t.regularization().l2(), 0.0),
                        or(t.regularization().weightDecay(), 0.0), or(t.regularization().includeBiases(), false)));
        EarlyStopping stopping = t.earlyStopping() == null ? null : attempt("training.earlyStopping",
                () -> new EarlyStopping(or(t.earlyStopping().monitor(), "val_loss"), or(t.earlyStopping().patience(), 10),
                        or(t.earlyStopping().minDelta(), 0.0), or(t.earlyStopping().restoreBestWeights(), true)));
        Augmentation augmentation = augmentation(t.augmentation());
        if (batch == null || optimizer == null || schedule == null || regularization == null
                || (t.earlyStopping() != null && stopping == null) || augmentation == null) {
            return null;
        }
        return attempt("training", () -> new TrainingSpec(or(t.epochs(), DEFAULT_EPOCHS), batch, optimizer, schedule,
                regularization, stopping, augmentation, t.gradientClipNorm(), or(t.seed(), DEFAULT_SEED)));
    }

    private Batch batch(JobSpec.BatchPart batch) {
        if (batch == null) {
            return Batch.of(DEFAULT_BATCH);
        }
        String mode = or(batch.mode(), "mini_batch").toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "full" -> Batch.full();
            case "stochastic" -> Batch.stochastic();
            case "mini_batch" -> attempt("training.batch", () -> Batch.of(or(batch.size(), DEFAULT_BATCH)));
            default -> {
                problems.add(new FieldProblem("training.batch.mode", "must be one of full, mini_batch, stochastic; was '"
                        + batch.mode() + "'"));
                yield null;
            }
        };
    }

    private OptimizerSpec optimizer(JobSpec.OptimizerPart o) {
        if (o == null) {
            return OptimizerSpec.Adam.defaults(0.001);
        }
        String type = or(o.type(), "adam").toLowerCase(Locale.ROOT);
        double adaptiveRate = or(o.learningRate(), 0.001);
        double rate = or(o.learningRate(), 0.01);
        Supplier<OptimizerSpec> build = switch (type) {
            case "sgd" -> () -> new OptimizerSpec.Sgd(rate);
            case "momentum" -> () -> new OptimizerSpec.Momentum(rate, or(o.beta(), 0.9));
            case "nesterov" -> () -> new OptimizerSpec.Nesterov(rate, or(o.beta(), 0.9));
            case "adagrad" -> () -> new OptimizerSpec.Adagrad(rate, or(o.epsilon(), 1e-8));
            case "rmsprop" -> () -> new OptimizerSpec.RmsProp(adaptiveRate, or(o.beta(), 0.9), or(o.epsilon(), 1e-8));
            case "adam" -> () -> new OptimizerSpec.Adam(adaptiveRate, or(o.beta1(), 0.9), or(o.beta2(), 0.999),
                    or(o.epsilon(), 1e-8));
            case "adamw" -> () -> new OptimizerSpec.AdamW(adaptiveRate, or(o.beta1(), 0.9), or(o.beta2(), 0.999),
                    or(o.epsilon(), 1e-8), or(o.weightDecay(), 0.01));
            default -> null;
        };
        if (build == null) {
            problems.add(new FieldProblem("training.optimizer.type", "must be one of sgd, momentum, nesterov, adagrad, "
                    + "rmsprop, adam, adamw; was '" + o.type() + "'"));
            return null;
        }
        return attempt("training.optimizer", build);
    }

    private Schedule schedule(JobSpec.SchedulePart s) {
        if (s == null) {
            return new Schedule.Constant(0);
        }
        int warmup = or(s.warmupEpochs(), 0);
        String type = or(s.type(), "constant").toLowerCase(Locale.ROOT);
        Supplier<Schedule> build = switch (type) {
            case "constant" -> () -> new Schedule.Constant(warmup);
            case "step" -> () -> new Schedule.Step(or(s.everyEpochs(), 10), or(s.factor(), 0.5), warmup);
            case "exponential" -> () -> new Schedule.Exponential(or(s.gamma(), 0.95), warmup);
            case "cosine" -> () -> new Schedule.Cosine(or(s.minFactor(), 0.0), warmup);
            default -> null;
        };
        if (build == null) {
            problems.add(new FieldProblem("training.schedule.type", "must be one of constant, step, exponential, cosine; "
                    + "was '" + s.type() + "'"));
            return null;
        }
        return attempt("training.schedule", build);
    }

    private Augmentation augmentation(JobSpec.AugmentationPart a) {
        if (a == null) {
            return Augmentation.NONE;
        }
        Augmentation.Image image = a.image() == null ? null : attempt("training.augmentation.image",
                () -> new Augmentation.Image(or(a.image().shiftPixels(), 0), or(a.image().horizontalFlip(), false),
                        or(a.image().rotationDegrees(), 0.0), or(a.image().zoom(), 0.0)));
        if (a.image() != null && image == null) {
            return null;
        }
        return attempt("training.augmentation", () -> new Augmentation(or(a.gaussianNoise(), 0.0), image));
    }

    private <E extends Enum<E>> E choice(String path, String value, Class<E> type, E fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            problems.add(new FieldProblem(path, "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + "; was '" + value + "'"));
            return null;
        }
    }

    /** Builds a part, recording the engine's complaint under the part's path instead of stopping. */
    private <T> T attempt(String path, Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidSpecException invalid) {
            problems.add(new FieldProblem(path, invalid.getMessage()));
            return null;
        }
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
