package dev.trainyard.engine.nn;

import dev.trainyard.engine.Rng;
import dev.trainyard.engine.spec.Init;
import dev.trainyard.engine.tensor.Tensor;

/** Fills weight matrices from an {@link Init} with the run's initialization random stream. */
final class InitContext {

    private final Rng rng;

    InitContext(Rng rng) {
        this.rng = rng;
    }

    /** Fills a fanIn x fanOut weight matrix and its bias row. */
    void fill(Init init, Tensor weights, Tensor biases) {
        int fanIn = weights.rows();
        int fanOut = weights.cols();
        for (int i = 0; i < weights.size(); i++) {
            weights.set(i, sample(init, fanIn, fanOut));
        }
        biases.fill(init instanceof Init.Constant constant ? constant.value() : 0);
    }

    private double sample(Init init, int fanIn, int fanOut) {
        if (init instanceof Init.He) {
            return rng.nextGaussian() * Math.sqrt(2.0 / fanIn);
        }
        if (init instanceof Init.Xavier) {
            return uniform(Math.sqrt(6.0 / (fanIn + fanOut)));
        }
        if (init instanceof Init.Normal normal) {
            return rng.nextGaussian() * normal.std();
        }
        if (init instanceof Init.Uniform uniform) {
            return uniform(uniform.limit());
        }
        if (init instanceof Init.Constant constant) {
            return constant.value();
        }
        return 0;
    }

    private double uniform(double limit) {
        return (2 * rng.nextDouble() - 1) * limit;
    }

    Rng rng() {
        return rng;
    }
}
