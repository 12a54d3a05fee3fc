package dev.trainyard.engine.spec;

import java.util.List;

/**
 * Spec records for tests, built by name with defaults instead of by position:
 * {@code Specs.training(30).batch(Batch.of(32)).adam(0.002).seed(42).build()}. Only what a test sets differs from the
 * defaults; what the record's own constructor fills in (a constant schedule, no regularization, no augmentation) it
 * still fills in.
 */
public final class Specs {

    private Specs() {
    }

    /**
     * Training for {@code epochs} epochs: full batch, Adam at 0.01, seed 1, no schedule, regularization, early stopping,
     * augmentation or clipping.
     */
    public static Training training(int epochs) {
        return new Training(epochs);
    }

    /** A model of {@code layers} with the output and loss chosen from the task. */
    public static Model model(LayerSpec... layers) {
        return new Model(List.of(layers));
    }

    public static final class Training {

        private int epochs;
        private Batch batch = Batch.full();
        private OptimizerSpec optimizer = OptimizerSpec.Adam.defaults(0.01);
        private Schedule schedule;
        private Regularization regularization;
        private EarlyStopping earlyStopping;
        private Augmentation augmentation;
        private Double gradientClipNorm;
        private long seed = 1;

        private Training(int epochs) {
            this.epochs = epochs;
        }

        public Training epochs(int value) {
            epochs = value;
            return this;
        }

        public Training batch(Batch value) {
            batch = value;
            return this;
        }

        public Training optimizer(OptimizerSpec value) {
            optimizer = value;
            return this;
        }

        /** Adam with its default moments at {@code learningRate}. */
        public Training adam(double learningRate) {
            return optimizer(OptimizerSpec.Adam.defaults(learningRate));
        }

        public Training schedule(Schedule value) {
            schedule = value;
            return this;
        }

        public Training regularization(Regularization value) {
            regularization = value;
            return this;
        }

        public Training earlyStopping(EarlyStopping value) {
            earlyStopping = value;
            return this;
        }

        public Training augmentation(Augmentation value) {
            augmentation = value;
            return this;
        }

        public Training gradientClipNorm(Double value) {
            gradientClipNorm = value;
            return this;
        }

        public Training seed(long value) {
            seed = value;
            return this;
        }

        /** The record; its constructor's checks apply. */
        public TrainingSpec build() {
            return new TrainingSpec(epochs, batch, optimizer, schedule, regularization, earlyStopping, augmentation,
                    gradientClipNorm, seed);
        }
    }

    public static final class Model {

        private final List<LayerSpec> layers;
        private Output output = Output.AUTO;
        private Loss loss = Loss.AUTO;

        private Model(List<LayerSpec> layers) {
            this.layers = layers;
        }

        public Model output(Output value) {
            output = value;
            return this;
        }

        public Model loss(Loss value) {
            loss = value;
            return this;
        }

        public ModelSpec build() {
            return new ModelSpec(layers, output, loss);
        }
    }
}
