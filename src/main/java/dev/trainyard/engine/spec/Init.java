package dev.trainyard.engine.spec;

/**
 * How a dense layer's weights start (biases start at zero, except for {@link Constant}).
 * Random schemes break the symmetry between units; {@link Zeros} and {@link Constant} do not,
 * which is allowed so the symmetry problem can be seen, and is reported when used.
 */
public sealed interface Init {

    /** Whether every unit of a layer starts identical (and so stays identical under gradient descent). */
    default boolean symmetric() {
        return false;
    }

    /** He: N(0, 2 / fanIn), for ReLU-like activations. */
    record He() implements Init {
    }

    /** Xavier/Glorot: U(-l, l), l = sqrt(6 / (fanIn + fanOut)), for tanh and sigmoid. */
    record Xavier() implements Init {
    }

    /** N(0, std^2). */
    record Normal(double std) implements Init {
        public Normal {
            Require.positive("init.std", std);
        }
    }

    /** U(-limit, limit). */
    record Uniform(double limit) implements Init {
        public Uniform {
            Require.positive("init.limit", limit);
        }
    }

    /** Every weight 0. */
    record Zeros() implements Init {
        @Override
        public boolean symmetric() {
            return true;
        }
    }

    /** Every weight and bias the same value. */
    record Constant(double value) implements Init {
        public Constant {
            Require.finite("init.value", value);
        }

        @Override
        public boolean symmetric() {
            return true;
        }
    }
}
