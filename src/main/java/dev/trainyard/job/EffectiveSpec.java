package dev.trainyard.job;

import java.util.List;
import java.util.Locale;

import dev.trainyard.engine.spec.Augmentation;
import dev.trainyard.engine.spec.Init;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.OptimizerSpec;
import dev.trainyard.engine.spec.Schedule;
import dev.trainyard.engine.spec.TrainingSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A checked job written back as a full job spec, every default filled in: what the run really uses. It is stored
 * with the job and is what the worker runs and what job_param holds, so hyperparameters can be searched whether they
 * were sent or defaulted, and a default changed later does not reach a job queued before. Mapping it again gives the
 * same plan. A spec record this class cannot write is a bug that fails loudly, never a silent fallback.
 */
final class EffectiveSpec {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EffectiveSpec() {
    }

    static JobSpec of(JobPlan plan) {
        var split = plan.split();
        return new JobSpec(plan.name(),
                new JobSpec.DatasetPart(plan.datasetId(), null, split.validation(), split.test(), split.standardize(),
                        split.standardizeTarget(), split.seed(), new JobSpec.MissingPart(name(split.missing().strategy()),
                                name(split.missing().impute()), split.missing().indicator())),
                new JobSpec.ModelPart(layers(plan.model().layers()), name(plan.model().output()), name(plan.model().loss())),
                training(plan.training(), plan.searchLearningRate(), plan.probes()), plan.priority());
    }

    private static List<JobSpec.LayerPart> layers(List<LayerSpec> layers) {
        return layers.stream().map(EffectiveSpec::layer).toList();
    }

    private static JobSpec.LayerPart layer(LayerSpec layer) {
        if (layer instanceof LayerSpec.Dense d) {
            return new JobSpec.LayerPart("dense", d.units(), name(d.activation()), d.alpha(), init(d.init()), null, null,
                    null, null);
        }
        if (layer instanceof LayerSpec.BatchNorm b) {
            return new JobSpec.LayerPart("batch_norm", null, null, null, null, null, b.momentum(), b.epsilon(), null);
        }
        if (layer instanceof LayerSpec.Dropout d) {
            return new JobSpec.LayerPart("dropout", null, null, null, null, d.rate(), null, null, null);
        }
        if (layer instanceof LayerSpec.Residual r) {
            return new JobSpec.LayerPart("residual", null, null, null, null, null, null, null, layers(r.layers()));
        }
        throw unknown(layer);
    }

    private static JsonNode init(Init init) {
        ObjectNode node = JSON.createObjectNode().put("type", init.type());
        init.parameters().forEach(node::put);
        return node;
    }

    private static JobSpec.TrainingPart training(TrainingSpec t, boolean searched, Probes probes) {
        var r = t.regularization();
        var e = t.earlyStopping();
        Augmentation a = t.augmentation();
        Augmentation.Image image = a.image();
        return new JobSpec.TrainingPart(t.epochs(),
                new JobSpec.BatchPart(name(t.batch().mode()), t.batch().size()),
                optimizer(t.optimizer(), searched ? LearningRatePart.SEARCH
                        : LearningRatePart.of(t.optimizer().learningRate())), schedule(t.schedule()),
                new JobSpec.RegularizationPart(r.l1(), r.l2(), r.weightDecay(), r.includeBiases()),
                e == null ? null : new JobSpec.EarlyStoppingPart(e.monitor(), e.patience(), e.minDelta(), e.restoreBestWeights()),
                new JobSpec.AugmentationPart(a.gaussianNoise(), image == null ? null : new JobSpec.ImagePart(
                        image.shiftPixels(), image.horizontalFlip(), image.rotationDegrees(), image.zoom())),
                t.gradientClipNorm(), t.seed(), null, // diagnostics thresholds do not change the run: read as sent
                new JobSpec.AnalysesPart(probes.sharpnessEvery()),
                new JobSpec.SnapshotsPart(probes.decisionBoundaryEvery(), probes.modelEvery()));
    }

    private static JobSpec.OptimizerPart optimizer(OptimizerSpec o, LearningRatePart lr) {
        if (o instanceof OptimizerSpec.Momentum m) {
            return new JobSpec.OptimizerPart("momentum", lr, m.beta(), null, null, null, null);
        }
        if (o instanceof OptimizerSpec.Nesterov n) {
            return new JobSpec.OptimizerPart("nesterov", lr, n.beta(), null, null, null, null);
        }
        if (o instanceof OptimizerSpec.Adagrad g) {
            return new JobSpec.OptimizerPart("adagrad", lr, null, null, null, g.epsilon(), null);
        }
        if (o instanceof OptimizerSpec.RmsProp p) {
            return new JobSpec.OptimizerPart("rmsprop", lr, p.beta(), null, null, p.epsilon(), null);
        }
        if (o instanceof OptimizerSpec.Adam a) {
            return new JobSpec.OptimizerPart("adam", lr, null, a.beta1(), a.beta2(), a.epsilon(), null);
        }
        if (o instanceof OptimizerSpec.AdamW w) {
            return new JobSpec.OptimizerPart("adamw", lr, null, w.beta1(), w.beta2(), w.epsilon(), w.weightDecay());
        }
        if (o instanceof OptimizerSpec.Sgd) {
            return new JobSpec.OptimizerPart("sgd", lr, null, null, null, null, null);
        }
        throw unknown(o);
    }

    private static JobSpec.SchedulePart schedule(Schedule s) {
        if (s instanceof Schedule.Step step) {
            return new JobSpec.SchedulePart("step", step.everyEpochs(), step.factor(), null, null, s.warmupEpochs());
        }
        if (s instanceof Schedule.Exponential exponential) {
            return new JobSpec.SchedulePart("exponential", null, null, exponential.gamma(), null, s.warmupEpochs());
        }
        if (s instanceof Schedule.Cosine cosine) {
            return new JobSpec.SchedulePart("cosine", null, null, null, cosine.minFactor(), s.warmupEpochs());
        }
        if (s instanceof Schedule.Constant) {
            return new JobSpec.SchedulePart("constant", null, null, null, null, s.warmupEpochs());
        }
        throw unknown(s);
    }

    private static IllegalStateException unknown(Object spec) {
        return new IllegalStateException("the effective spec has no form for " + spec.getClass().getName()
                + "; add it to EffectiveSpec and JobSpecMapper");
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
