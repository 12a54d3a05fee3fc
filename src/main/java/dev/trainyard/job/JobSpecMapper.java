package dev.trainyard.job;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import dev.trainyard.engine.spec.Augmentation;
import dev.trainyard.engine.spec.Batch;
import dev.trainyard.engine.spec.EarlyStopping;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.Loss;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.OptimizerSpec;
import dev.trainyard.engine.spec.Output;
import dev.trainyard.engine.spec.Regularization;
import dev.trainyard.engine.spec.Require;
import dev.trainyard.engine.spec.Schedule;
import dev.trainyard.engine.spec.SplitSpec;
import dev.trainyard.engine.spec.TrainingSpec;
import dev.trainyard.system.ApiException;
import dev.trainyard.system.FieldProblem;

/**
 * Checks a whole job spec and builds the engine's specs from it. Each part is built on its own,
 * so every mistake is reported in one answer, each under the path of the field it concerns
 * ({@code model.layers[2]}); the engine's records say what is wrong with the value. Every string
 * that is stored is bounded here, so none can reach a column it does not fit.
 */
final class JobSpecMapper {

    static final int DEFAULT_EPOCHS = 20;
    static final int DEFAULT_BATCH = 32;
    static final long DEFAULT_SEED = 42;
    /** The width of the job.name column. */
    static final int MAX_NAME = 200;
    /** The width of the job.dataset_ref column: a built-in's id or a UUID fit with room to spare. */
    static final int MAX_DATASET_ID = 64;

    private final SpecProblems problems = new SpecProblems();
    private final JobLimits limits;

    private JobSpecMapper(JobLimits limits) {
        this.limits = limits;
    }

    /** The plan of a spec submitted now, its layers held to {@code limits}; otherwise a 400 problem naming the fields. */
    static JobPlan map(JobSpec spec, JobLimits limits) {
        JobSpecMapper mapper = new JobSpecMapper(limits);
        JobPlan plan = mapper.plan(spec == null ? new JobSpec(null, null, null, null) : spec);
        if (!mapper.problems.isEmpty()) {
            throw ApiException.invalid("the job spec", mapper.problems.list());
        }
        return plan;
    }

    /** The plan of a stored spec: it was held to the limits when submitted, and a limit lowered since cannot fail it. */
    static JobPlan map(JobSpec spec) {
        return map(spec, JobLimits.UNBOUNDED);
    }

    private JobPlan plan(JobSpec spec) {
        JobSpec.DatasetPart dataset = spec.dataset();
        String datasetId = dataset == null || dataset.id() == null || dataset.id().isBlank() ? null : dataset.id().strip();
        boolean generated = dataset != null && dataset.generate() != null;
        if (datasetId == null && !generated) {
            problems.add("dataset.id", "is required: a built-in such as builtin:digits, the id of "
                    + "one of your datasets, or dataset.generate instead");
        } else if (datasetId != null && generated) {
            problems.add("dataset.generate", "cannot come with dataset.id; give one of them");
        } else if (datasetId != null && datasetId.length() > MAX_DATASET_ID) {
            problems.add("dataset.id", "must be at most " + MAX_DATASET_ID + " characters (builtin:NAME or the id of "
                    + "one of your datasets), had " + datasetId.length());
        }
        SplitSpec split = problems.attempt("dataset", () -> dataset == null ? SplitSpec.DEFAULT : new SplitSpec(
                or(dataset.validationSplit(), SplitSpec.DEFAULT.validation()), or(dataset.testSplit(), SplitSpec.DEFAULT.test()),
                or(dataset.standardize(), true), or(dataset.seed(), SplitSpec.DEFAULT.seed())));
        ModelSpec model = model(spec.model());
        TrainingSpec training = training(spec.training());
        String name = spec.name() == null || spec.name().isBlank() ? null : spec.name().strip();
        if (name != null && name.length() > MAX_NAME) {
            problems.add("name", "must be at most " + MAX_NAME + " characters, had " + name.length());
        }
        return new JobPlan(name, datasetId, split, model, training);
    }

    private ModelSpec model(JobSpec.ModelPart model) {
        if (model == null || model.layers() == null) {
            problems.add("model.layers", "is required (an empty list trains a linear model)");
            return null;
        }
        List<LayerSpec> layers = layers(model.layers());
        Output output = problems.choice("model.output", model.output(), Output.class, Output.AUTO);
        Loss loss = problems.choice("model.loss", model.loss(), Loss.class, Loss.AUTO);
        if (layers == null || output == null || loss == null) {
            return null;
        }
        return problems.attempt("model", () -> new ModelSpec(layers, output, loss));
    }

    /** The layers, unless they are over the limits: then none is built, so none past a limit is even looked at. */
    private List<LayerSpec> layers(List<JobSpec.LayerPart> parts) {
        List<FieldProblem> beyond = LayerBounds.check(parts, "model.layers", limits);
        if (!beyond.isEmpty()) {
            problems.addAll(beyond);
            return null;
        }
        return new LayerMapper(problems).layers(parts, "model.layers");
    }

    private TrainingSpec training(JobSpec.TrainingPart training) {
        JobSpec.TrainingPart t = training == null ? new JobSpec.TrainingPart(null, null, null, null, null, null, null,
                null, null) : training;
        Batch batch = batch(t.batch());
        OptimizerSpec optimizer = optimizer(t.optimizer());
        Schedule schedule = schedule(t.schedule());
        Regularization regularization = t.regularization() == null ? Regularization.NONE
                : problems.attempt("training.regularization", () -> new Regularization(or(t.regularization().l1(), 0.0),
                        or(t.regularization().l2(), 0.0), or(t.regularization().weightDecay(), 0.0),
                        or(t.regularization().includeBiases(), false)));
        EarlyStopping stopping = t.earlyStopping() == null ? null : problems.attempt("training.earlyStopping",
                () -> new EarlyStopping(or(t.earlyStopping().monitor(), "val_loss"), or(t.earlyStopping().patience(), 10),
                        or(t.earlyStopping().minDelta(), 0.0), or(t.earlyStopping().restoreBestWeights(), true)));
        Augmentation augmentation = augmentation(t.augmentation());
        if (batch == null || optimizer == null || schedule == null || regularization == null
                || (t.earlyStopping() != null && stopping == null) || augmentation == null) {
            return null;
        }
        return problems.attempt("training", () -> new TrainingSpec(or(t.epochs(), DEFAULT_EPOCHS), batch, optimizer, schedule,
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
            case "mini_batch" -> problems.attempt("training.batch", () -> Batch.of(or(batch.size(), DEFAULT_BATCH)));
            default -> {
                problems.add("training.batch.mode", "must be one of full, mini_batch, stochastic; was "
                        + Require.quoted(batch.mode()));
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
            problems.add("training.optimizer.type", "must be one of sgd, momentum, nesterov, adagrad, "
                    + "rmsprop, adam, adamw; was " + Require.quoted(o.type()));
            return null;
        }
        return problems.attempt("training.optimizer", build);
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
            problems.add("training.schedule.type", "must be one of constant, step, exponential, cosine; "
                    + "was " + Require.quoted(s.type()));
            return null;
        }
        return problems.attempt("training.schedule", build);
    }

    private Augmentation augmentation(JobSpec.AugmentationPart a) {
        if (a == null) {
            return Augmentation.NONE;
        }
        Augmentation.Image image = a.image() == null ? null : problems.attempt("training.augmentation.image",
                () -> new Augmentation.Image(or(a.image().shiftPixels(), 0), or(a.image().horizontalFlip(), false),
                        or(a.image().rotationDegrees(), 0.0), or(a.image().zoom(), 0.0)));
        if (a.image() != null && image == null) {
            return null;
        }
        return problems.attempt("training.augmentation", () -> new Augmentation(or(a.gaussianNoise(), 0.0), image));
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
