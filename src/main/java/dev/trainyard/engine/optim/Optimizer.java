package dev.trainyard.engine.optim;

import java.util.List;

import dev.trainyard.engine.nn.ParameterGroup;
import dev.trainyard.engine.spec.OptimizerSpec;
import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.tensor.Tensor;

/**
 * The stateful twin of an {@link OptimizerSpec}: updates the flat parameter vector in place from
 * the flat gradient vector, one pass over both.
 */
public interface Optimizer {

    void step(Tensor parameters, Tensor gradients, double learningRate);

    /** Everything a checkpoint must save to continue exactly: moment tensors (in order) and the step count. */
    List<Tensor> state();

    long steps();

    void restoreSteps(long steps);

    /**
     * @param decayed the groups AdamW's decoupled weight decay applies to (the weights)
     */
    static Optimizer of(OptimizerSpec spec, int size, List<ParameterGroup> decayed,
            Precision precision) {
        if (spec instanceof OptimizerSpec.Sgd) {
            return new SgdOptimizer();
        }
        if (spec instanceof OptimizerSpec.Momentum momentum) {
            return new MomentumOptimizer(momentum.beta(), false, size, precision);
        }
        if (spec instanceof OptimizerSpec.Nesterov nesterov) {
            return new MomentumOptimizer(nesterov.beta(), true, size, precision);
        }
        if (spec instanceof OptimizerSpec.Adagrad adagrad) {
            return new SquaredGradientOptimizer(1, adagrad.epsilon(), size, precision);
        }
        if (spec instanceof OptimizerSpec.RmsProp rmsProp) {
            return new SquaredGradientOptimizer(rmsProp.beta(), rmsProp.epsilon(), size, precision);
        }
        if (spec instanceof OptimizerSpec.Adam adam) {
            return new AdamOptimizer(adam.beta1(), adam.beta2(), adam.epsilon(), 0, List.of(), size, precision);
        }
        OptimizerSpec.AdamW adamW = (OptimizerSpec.AdamW) spec;
        return new AdamOptimizer(adamW.beta1(), adamW.beta2(), adamW.epsilon(), adamW.weightDecay(), decayed, size,
                precision);
    }
}
