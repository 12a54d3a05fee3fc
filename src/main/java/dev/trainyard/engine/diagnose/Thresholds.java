package dev.trainyard.engine.diagnose;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The numbers the rules compare against, by name. {@link #DEFAULTS} declares each with its default and meaning; a
 * server may change them for all jobs and a job for itself ({@code training.diagnostics}), by the same names.
 */
public final class Thresholds {

    /** A threshold's default and what it means. */
    public record Threshold(double value, String meaning) {
    }

    public static final Map<String, Threshold> DEFAULTS;

    static {
        Map<String, Threshold> d = new LinkedHashMap<>();
        d.put("vanishingRatio", new Threshold(1e-3, "first hidden layer's gradient norm over the output layer's, below "
                + "which gradients vanish"));
        d.put("explodingRatio", new Threshold(1e3, "first hidden layer's gradient norm over the output layer's, above "
                + "which gradients explode"));
        d.put("gradientSpike", new Threshold(5, "an epoch's largest step gradient norm over the median of the earlier "
                + "epochs' largest, above which it is a spike"));
        d.put("deadFraction", new Threshold(0.5, "fraction of a ReLU layer's units that are zero for every sample, "
                + "at or above which the layer is dying"));
        d.put("saturatedFraction", new Threshold(0.5, "fraction of a sigmoid/tanh layer's activations within 0.01 of "
                + "their bounds, at or above which the layer is saturated"));
        d.put("patience", new Threshold(3, "epochs in a row a layer condition must hold before it is a finding"));
        d.put("symmetryTolerance", new Threshold(1e-9, "largest spread between a hidden layer's units (relative to its "
                + "weights' size) at which the units are identical"));
        d.put("varianceCollapse", new Threshold(1e-2, "a layer's pre-activation variance at the first step over the "
                + "input's, below which the signal collapses"));
        d.put("varianceBlowUp", new Threshold(1e2, "the same ratio above which the signal blows up"));
        d.put("largeUpdateRatio", new Threshold(1e-1, "median update-to-weight ratio above which steps are too big "
                + "(healthy is about 1e-3)"));
        d.put("smallUpdateRatio", new Threshold(1e-5, "median update-to-weight ratio below which steps are too small"));
        d.put("lossRise", new Threshold(0.1, "relative rise of the training loss above its best, at the end, at or "
                + "above which training went the wrong way"));
        d.put("stallImprovement", new Threshold(0.02, "relative fall of the training loss below which it stalled: over "
                + "the second half for a stall or underfitting, over the run for a learning rate too small (five times "
                + "this) and a vanishing gradient's severity"));
        d.put("plateauGradient", new Threshold(1e-2, "the last epoch's gradient norm over the run's largest (or over 1, "
                + "when that is larger), below which the gradient is tiny"));
        d.put("overfitRise", new Threshold(0.1, "relative rise of the validation loss above its best while the "
                + "training loss falls, at or above which the model overfits"));
        d.put("underfitLoss", new Threshold(0.7, "final training loss over the first epoch's, above which the model "
                + "has learned little"));
        d.put("featureScaleRatio", new Threshold(1e3, "largest over smallest range of a numeric feature, above which "
                + "unstandardized features hurt"));
        d.put("classImbalanceRatio", new Threshold(10, "largest over smallest class count of the dataset (the "
                + "stratified split keeps the proportions), "
                + "above which accuracy misleads"));
        DEFAULTS = Collections.unmodifiableMap(d);
    }

    public static final Thresholds DEFAULT = new Thresholds(Map.of());

    private final Map<String, Double> values;

    private Thresholds(Map<String, Double> overrides) {
        Map<String, Double> v = new LinkedHashMap<>();
        DEFAULTS.forEach((name, t) -> v.put(name, t.value()));
        overrides.forEach((name, value) -> {
            String problem = problem(name, value);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            v.put(name, value);
        });
        this.values = v;
    }

    /** These thresholds with some replaced; see {@link #problem} for what is refused. */
    public Thresholds with(Map<String, Double> overrides) {
        Map<String, Double> merged = new LinkedHashMap<>(values);
        merged.putAll(overrides);
        return new Thresholds(merged);
    }

    /** Why {@code value} cannot be threshold {@code name}, or null when it can. */
    public static String problem(String name, Double value) {
        if (!DEFAULTS.containsKey(name)) {
            return "'" + name + "' is not a diagnostics threshold; the thresholds are " + DEFAULTS.keySet();
        }
        if (value == null || !Double.isFinite(value) || value <= 0) {
            return name + " must be a number above 0, was " + value;
        }
        return null;
    }

    public double get(String name) {
        Double value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no threshold " + name);
        }
        return value;
    }

    public Map<String, Double> asMap() {
        return Collections.unmodifiableMap(values);
    }
}
