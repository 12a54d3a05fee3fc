package dev.trainyard.engine.spec;

import java.util.Locale;
import java.util.Map;

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

    /** The name users write: he, xavier, normal, uniform, zeros or constant. */
    default String type() {
        return getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** The scheme's parameters by name (std, limit or value); none for the others. */
    default Map<String, Double> parameters() {
        return Map.of();
    }

    /** The scheme a dense layer with {@code activation} starts from unless told otherwise: He for ReLU-like, else Xavier. */
    static Init forActivation(Activation activation) {
        return activation == Activation.RELU || activation == Activation.LEAKY_RELU ? new He() : new Xavier();
    }

    /** The scheme of a name, its missing parameter that of the scheme's {@code DEFAULT}. */
    static Init of(String type, Map<String, Double> parameters) {
        String name = type == null ? "" : type.strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "he" -> new He();
            case "xavier" -> new Xavier();
            case "zeros" -> new Zeros();
            case "normal" -> new Normal(parameters.getOrDefault("std", Normal.DEFAULT.std()));
            case "uniform" -> new Uniform(parameters.getOrDefault("limit", Uniform.DEFAULT.limit()));
            case "constant" -> new Constant(parameters.getOrDefault("value", Constant.DEFAULT.value()));
            default -> throw new InvalidSpecException("init must be he, xavier, zeros, normal (std), uniform (limit) or "
                    + "constant (value), was " + Require.quoted(String.valueOf(type)));
        };
    }

    /** He: N(0, 2 / fanIn), for ReLU-like activations. */
    record He() implements Init {
    }

    /** Xavier/Glorot: U(-l, l), l = sqrt(6 / (fanIn + fanOut)), for tanh and sigmoid. */
    record Xavier() implements Init {
    }

    /** N(0, std^2). */
    record Normal(double std) implements Init {
        public static final Normal DEFAULT = new Normal(0.01);

        public Normal {
            Require.positive("init.std", std);
        }

        @Override
        public Map<String, Double> parameters() {
            return Map.of("std", std);
        }
    }

    /** U(-limit, limit). */
    record Uniform(double limit) implements Init {
        public static final Uniform DEFAULT = new Uniform(0.05);

        public Uniform {
            Require.positive("init.limit", limit);
        }

        @Override
        public Map<String, Double> parameters() {
            return Map.of("limit", limit);
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
        public static final Constant DEFAULT = new Constant(0);

        public Constant {
            Require.finite("init.value", value);
        }

        @Override
        public Map<String, Double> parameters() {
            return Map.of("value", value);
        }

        @Override
        public boolean symmetric() {
            return true;
        }
    }
}
