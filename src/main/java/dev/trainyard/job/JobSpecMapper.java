package dev.trainyard.job;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import dev.trainyard.engine.diagnose.Thresholds;
import dev.trainyard.engine.spec.Augmentation;
import dev.trainyard.engine.spec.Batch;
import dev.trainyard.engine.spec.EarlyStopping;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.Loss;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.OptimizerSpec;
import dev.trainyard.engine.spec.OptimizerSpec.Adagrad;
import dev.trainyard.engine.spec.OptimizerSpec.Adam;
import dev.trainyard.engine.spec.OptimizerSpec.AdamW;
import dev.trainyard.engine.spec.OptimizerSpec.Momentum;
import dev.trainyard.engine.spec.OptimizerSpec.Nesterov;
import dev.trainyard.engine.spec.OptimizerSpec.RmsProp;
import dev.trainyard.engine.spec.OptimizerSpec.Sgd;
import dev.trainyard.engine.spec.Output;
import dev.trainyard.engine.spec.Regularization;
import dev.trainyard.engine.spec.Require;
import dev.trainyard.engine.spec.Schedule;
import dev.trainyard.engine.spec.MissingValues;
import dev.trainyard.engine.spec.SplitSpec;
import dev.trainyard.engine.spec.TrainingSpec;
import dev.trainyard.system.FieldProblem;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a whole job spec and builds the engine's specs from it, filling in every default from the engine's records
 * (their {@code DEFAULT}s, the one place each is declared). Each part is built on its own, so every mistake is
 * reported in one answer, each under the path of the field it concerns ({@code model.layers[2]}); the engine's records
 * say what is wrong with the value. Every string that is stored is bounded here, so none can reach a column it does not
 * fit. This runs once per job, at submission (docs/design.md section 3): what it returns is written back as the job's
 * effective spec, and the worker reads that, every value explicit, so a default changed later cannot change the job.
 */
final class JobSpecMapper {

    /** The width of the job.name column. */
    static final int MAX_NAME = 200;
    /** The width of the job.dataset_ref column: a built-in's id or a UUID fit with room to spare. */
    static final int MAX_DATASET_ID = 64;
    /** The optimizers and schedules by the names users write; every permitted record is one of them. */
    static final List<String> OPTIMIZERS = List.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw");
    static final List<String> SCHEDULES = List.of("constant", "step", "exponential", "cosine");

    /** Each optimizer from its part, what the part leaves out taken from the optimizer's {@code DEFAULT}. */
    private static final Map<String, Function<JobSpec.OptimizerPart, OptimizerSpec>> OPTIMIZER = Map.of(
            "sgd", o -> new Sgd(or(LearningRatePart.given(o.learningRate()), Sgd.DEFAULT.learningRate())),
            "momentum", o -> new Momentum(or(LearningRatePart.given(o.learningRate()), Momentum.DEFAULT.learningRate()),
                    or(o.beta(), Momentum.DEFAULT.beta())),
            "nesterov", o -> new Nesterov(or(LearningRatePart.given(o.learningRate()), Nesterov.DEFAULT.learningRate()),
                    or(o.beta(), Nesterov.DEFAULT.beta())),
            "adagrad", o -> new Adagrad(or(LearningRatePart.given(o.learningRate()), Adagrad.DEFAULT.learningRate()),
                    or(o.epsilon(), Adagrad.DEFAULT.epsilon())),
            "rmsprop", o -> new RmsProp(or(LearningRatePart.given(o.learningRate()), RmsProp.DEFAULT.learningRate()),
                    or(o.beta(), RmsProp.DEFAULT.beta()), or(o.epsilon(), RmsProp.DEFAULT.epsilon())),
            "adam", o -> new Adam(or(LearningRatePart.given(o.learningRate()), Adam.DEFAULT.learningRate()),
                    or(o.beta1(), Adam.DEFAULT.beta1()), or(o.beta2(), Adam.DEFAULT.beta2()),
                    or(o.epsilon(), Adam.DEFAULT.epsilon())),
            "adamw", o -> new AdamW(or(LearningRatePart.given(o.learningRate()), AdamW.DEFAULT.learningRate()),
                    or(o.beta1(), AdamW.DEFAULT.beta1()), or(o.beta2(), AdamW.DEFAULT.beta2()),
                    or(o.epsilon(), AdamW.DEFAULT.epsilon()),
                    or(o.weightDecay(), AdamW.DEFAULT.weightDecay())));

    /** Each schedule from its part, what the part leaves out taken from the schedule's {@code DEFAULT}. */
    private static final Map<String, Function<JobSpec.SchedulePart, Schedule>> SCHEDULE = Map.of(
            "constant", s -> new Schedule.Constant(or(s.warmupEpochs(), Schedule.Constant.DEFAULT.warmupEpochs())),
            "step", s -> new Schedule.Step(or(s.everyEpochs(), Schedule.Step.DEFAULT.everyEpochs()),
                    or(s.factor(), Schedule.Step.DEFAULT.factor()),
                    or(s.warmupEpochs(), Schedule.Step.DEFAULT.warmupEpochs())),
            "exponential", s -> new Schedule.Exponential(or(s.gamma(), Schedule.Exponential.DEFAULT.gamma()),
                    or(s.warmupEpochs(), Schedule.Exponential.DEFAULT.warmupEpochs())),
            "cosine", s -> new Schedule.Cosine(or(s.minFactor(), Schedule.Cosine.DEFAULT.minFactor()),
                    or(s.warmupEpochs(), Schedule.Cosine.DEFAULT.warmupEpochs())));

    private final SpecProblems problems = new SpecProblems();
    private final JobLimits limits;

    private JobSpecMapper(JobLimits limits) {
        this.limits = limits;
    }

    /** The plan of a spec submitted now, its layers held to {@code limits}; otherwise the problems, by field. */
    static Checked<JobPlan> map(JobSpec spec, JobLimits limits) {
        JobSpecMapper mapper = new JobSpecMapper(limits);
        JobPlan plan = mapper.plan(spec == null ? new JobSpec(null, null, null, null, null) : spec);
        return mapper.problems.isEmpty() ? Checked.of(plan) : Checked.invalid(mapper.problems.list());
    }

    /**
     * The plan of a stored effective spec. It was held to the limits when submitted, and a limit lowered since cannot
     * fail it; every value in it is explicit, so no default of this release is used.
     */
    static Checked<JobPlan> stored(String effectiveSpec, JsonMapper json) {
        JobSpec spec;
        try {
            spec = json.readValue(effectiveSpec, JobSpec.class);
        } catch (JacksonException unreadable) {
            return Checked.invalid(List.of(new FieldProblem("", "is not a job spec this server can read: "
                    + unreadable.getOriginalMessage())));
        }
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
        SplitSpec defaults = SplitSpec.DEFAULT;
        MissingValues missing = missing(dataset == null ? null : dataset.missing());
        SplitSpec split = missing == null ? null : problems.attempt("dataset", () -> dataset == null ? defaults
                : new SplitSpec(or(dataset.validationSplit(), defaults.validation()),
                        or(dataset.testSplit(), defaults.test()), or(dataset.standardize(), defaults.standardize()),
                        or(dataset.seed(), defaults.seed()), missing,
                        or(dataset.standardizeTarget(), defaults.standardizeTarget())));
        ModelSpec model = model(spec.model());
        TrainingSpec training = training(spec.training());
        String name = spec.name() == null || spec.name().isBlank() ? null : spec.name().strip();
        if (name != null && name.length() > MAX_NAME) {
            problems.add("name", "must be at most " + MAX_NAME + " characters, had " + name.length());
        }
        JobSpec.TrainingPart t = spec.training();
        boolean search = t != null && t.optimizer() != null && LearningRatePart.searched(t.optimizer().learningRate());
        Probes probes = probes(t, training == null ? TrainingSpec.MAX_EPOCHS : training.epochs());
        int priority = spec.priority() == null ? 0 : spec.priority();
        if (Math.abs(priority) > JobPlan.MAX_PRIORITY) {
            problems.add("priority", "must be from -" + JobPlan.MAX_PRIORITY + " to " + JobPlan.MAX_PRIORITY
                    + " (higher first among your queued jobs), was " + priority);
        }
        return new JobPlan(name, datasetId, split, model, training, search, probes, priority);
    }

    private Probes probes(JobSpec.TrainingPart t, int epochs) {
        JobSpec.AnalysesPart analyses = t == null ? null : t.analyses();
        JobSpec.SnapshotsPart snapshots = t == null ? null : t.snapshots();
        return new Probes(every("training.analyses.sharpnessEvery", analyses == null ? null : analyses.sharpnessEvery(),
                epochs), every("training.snapshots.decisionBoundaryEvery", snapshots == null ? null
                : snapshots.decisionBoundaryEvery(), epochs), every("training.snapshots.modelEvery", snapshots == null
                ? null : snapshots.modelEvery(), epochs));
    }

    /** An interval in epochs: 0 (never) or positive, and at most {@code trainyard.jobs.max-snapshots} probes. */
    private int every(String field, Integer every, int epochs) {
        if (every == null || every == 0) {
            return 0;
        }
        if (every < 0) {
            problems.add(field, "must be 0 (never) or a number of epochs, was " + every);
            return 0;
        }
        long taken = epochs / every + 1;
        if (taken > limits.maxSnapshots()) {
            problems.add(field, "would take " + taken + " over " + epochs + " epochs; at most " + limits.maxSnapshots()
                    + " are allowed (trainyard.jobs.max-snapshots), so make it at least " + (int) Math.ceil(
                    epochs / (double) (limits.maxSnapshots() - 1)));
            return 0;
        }
        return every;
    }

    private MissingValues missing(JobSpec.MissingPart m) {
        MissingValues defaults = MissingValues.DEFAULT;
        if (m == null) {
            return defaults;
        }
        MissingValues.Strategy strategy = problems.choice("dataset.missing.strategy", m.strategy(),
                MissingValues.Strategy.class, defaults.strategy());
        MissingValues.Statistic impute = problems.choice("dataset.missing.impute", m.impute(),
                MissingValues.Statistic.class, defaults.impute());
        if (strategy == null || impute == null) {
            return null;
        }
        return problems.attempt("dataset.missing", () -> new MissingValues(strategy, impute,
                or(m.indicator(), defaults.indicator())));
    }

    private ModelSpec model(JobSpec.ModelPart model) {
        if (model == null || model.layers() == null) {
            problems.add("model.layers", "is required (an empty list trains a linear model)");
            return null;
        }
        List<LayerSpec> layers = layers(model.layers());
        Output output = problems.choice("model.output", model.output(), Output.class, ModelSpec.DEFAULT_OUTPUT);
        Loss loss = problems.choice("model.loss", model.loss(), Loss.class, ModelSpec.DEFAULT_LOSS);
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
                null, null, null, null, null) : training;
        if (t.diagnostics() != null) {
            t.diagnostics().forEach((name, value) -> {
                String problem = Thresholds.problem(name, value);
                if (problem != null) {
                    problems.add("training.diagnostics." + name, problem);
                }
            });
        }
        Batch batch = batch(t.batch());
        OptimizerSpec optimizer = optimizer(t.optimizer());
        Schedule schedule = schedule(t.schedule());
        Regularization none = Regularization.NONE;
        JobSpec.RegularizationPart r = t.regularization();
        Regularization regularization = r == null ? none : problems.attempt("training.regularization",
                () -> new Regularization(or(r.l1(), none.l1()), or(r.l2(), none.l2()),
                        or(r.weightDecay(), none.weightDecay()), or(r.includeBiases(), none.includeBiases())));
        EarlyStopping stop = EarlyStopping.DEFAULT;
        JobSpec.EarlyStoppingPart e = t.earlyStopping();
        EarlyStopping stopping = e == null ? null : problems.attempt("training.earlyStopping",
                () -> new EarlyStopping(or(e.monitor(), stop.monitor()), or(e.patience(), stop.patience()),
                        or(e.minDelta(), stop.minDelta()), or(e.restoreBestWeights(), stop.restoreBestWeights())));
        Augmentation augmentation = augmentation(t.augmentation());
        if (batch == null || optimizer == null || schedule == null || regularization == null
                || (t.earlyStopping() != null && stopping == null) || augmentation == null) {
            return null;
        }
        return problems.attempt("training", () -> new TrainingSpec(or(t.epochs(), TrainingSpec.DEFAULT_EPOCHS), batch,
                optimizer, schedule, regularization, stopping, augmentation, t.gradientClipNorm(),
                or(t.seed(), TrainingSpec.DEFAULT_SEED)));
    }

    private Batch batch(JobSpec.BatchPart batch) {
        if (batch == null) {
            return Batch.DEFAULT;
        }
        Batch.Mode mode = problems.choice("training.batch.mode", batch.mode(), Batch.Mode.class, Batch.DEFAULT.mode());
        return mode == null ? null
                : problems.attempt("training.batch", () -> new Batch(mode, or(batch.size(), Batch.DEFAULT.size())));
    }

    private OptimizerSpec optimizer(JobSpec.OptimizerPart o) {
        if (o == null) {
            return Adam.DEFAULT;
        }
        var build = OPTIMIZER.get(o.type() == null ? "adam" : o.type().strip().toLowerCase(Locale.ROOT));
        if (build == null) {
            problems.add("training.optimizer.type", "must be one of " + String.join(", ", OPTIMIZERS) + "; was "
                    + Require.quoted(o.type()));
            return null;
        }
        return problems.attempt("training.optimizer", () -> build.apply(o));
    }

    private Schedule schedule(JobSpec.SchedulePart s) {
        if (s == null) {
            return Schedule.Constant.DEFAULT;
        }
        var build = SCHEDULE.get(s.type() == null ? "constant" : s.type().strip().toLowerCase(Locale.ROOT));
        if (build == null) {
            problems.add("training.schedule.type", "must be one of " + String.join(", ", SCHEDULES) + "; was "
                    + Require.quoted(s.type()));
            return null;
        }
        return problems.attempt("training.schedule", () -> build.apply(s));
    }

    private Augmentation augmentation(JobSpec.AugmentationPart a) {
        if (a == null) {
            return Augmentation.NONE;
        }
        Augmentation.Image none = Augmentation.Image.NONE;
        JobSpec.ImagePart i = a.image();
        Augmentation.Image image = i == null ? null : problems.attempt("training.augmentation.image",
                () -> new Augmentation.Image(or(i.shiftPixels(), none.shiftPixels()),
                        or(i.horizontalFlip(), none.horizontalFlip()), or(i.rotationDegrees(), none.rotationDegrees()),
                        or(i.zoom(), none.zoom())));
        if (i != null && image == null) {
            return null;
        }
        return problems.attempt("training.augmentation", () -> new Augmentation(or(a.gaussianNoise(),
                Augmentation.NONE.gaussianNoise()), image));
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
