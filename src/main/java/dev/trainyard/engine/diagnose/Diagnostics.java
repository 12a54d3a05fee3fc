package dev.trainyard.engine.diagnose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.spec.Init;
import dev.trainyard.engine.spec.Loss;
import dev.trainyard.engine.spec.OptimizerSpec;
import dev.trainyard.engine.spec.Task;

/**
 * Reads a run's history and says what went wrong in its training, why, and which change of the spec addresses it.
 * Each rule is one method over the epoch metrics that training records (per layer: {@code grad_norm},
 * {@code update_ratio}, {@code dead_fraction}, {@code saturated_fraction}, {@code unit_spread}, {@code preact_variance}
 * (epoch 0's against {@code input.variance}); for the run: the losses, {@code grad_norm}, {@code grad_norm_max}), the
 * spec and the dataset's facts. A rule that explains a failure more precisely silences the generic ones (a stall caused by a tiny learning rate is reported as
 * that, not also as a stall). The thresholds and their meaning are in {@link Thresholds}; docs/concepts.md documents
 * every rule.
 */
public final class Diagnostics {

    private final History h;
    private final Facts f;
    private final Thresholds t;
    private final List<Facts.DenseRef> dense;
    private final List<Finding> found = new ArrayList<>();

    private Diagnostics(History history, Facts facts, Thresholds thresholds) {
        this.h = history;
        this.f = facts;
        this.t = thresholds;
        this.dense = facts.denseLayers();
    }

    /** Every finding of the run so far, most severe first. */
    public static List<Finding> diagnose(History history, Facts facts, Thresholds thresholds) {
        Diagnostics d = new Diagnostics(history, facts, thresholds);
        if (history.epochs() > 0) {
            d.run();
        } else {
            d.learningRateTooLarge(); // a run can diverge before its first epoch ends
        }
        d.datasetRules();
        List<Finding> findings = new ArrayList<>(d.found);
        findings.sort((a, b) -> b.severity().compareTo(a.severity()));
        return findings;
    }

    private void run() {
        vanishingOrExploding();
        gradientSpike();
        boolean symmetric = symmetricInitialization();
        initializationScale();
        deadUnits();
        saturatedUnits();
        boolean large = learningRateTooLarge();
        boolean small = !large && !symmetric && learningRateTooSmall();
        boolean explained = symmetric || small || large || has(Rule.VANISHING_GRADIENTS) || has(Rule.DEAD_RELU);
        boolean flat = !explained && plateau();
        boolean linear = dense.stream().allMatch(layer -> layer.spec().activation() == Activation.LINEAR);
        boolean stalled = !explained && !flat && !linear && stalled(); // a linear model cannot learn more: underfits
        boolean overfit = overfitting();
        if (!explained && !stalled && !overfit && !flat) {
            underfitting();
        }
    }

    private boolean has(Rule rule) {
        return found.stream().anyMatch(finding -> finding.rule() == rule);
    }

    private void add(Rule rule, Severity severity, List<String> layers, int from, int to, Map<String, Object> evidence,
            String explanation, List<Change> changes) {
        found.add(new Finding(rule, severity, layers, from, to, evidence, explanation, changes));
    }

    // ---- gradient flow ----

    private void vanishingOrExploding() {
        if (dense.isEmpty() || !h.has("output.grad_norm")) {
            return;
        }
        double[] output = h.of("output.grad_norm");
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (Facts.DenseRef layer : dense) {
            ratios.put(layer.name(), median(ratio(h.of(layer.name() + ".grad_norm"), output)));
        }
        double first = ratios.get(dense.get(0).name());
        if (Double.isNaN(first)) {
            return;
        }
        double vanishing = t.get("vanishingRatio");
        double exploding = t.get("explodingRatio");
        if (first < vanishing) {
            List<String> layers = ratios.entrySet().stream().filter(e -> e.getValue() < vanishing).map(Map.Entry::getKey)
                    .toList();
            int[] range = range(ratio(h.of(dense.get(0).name() + ".grad_norm"), output), r -> r < vanishing);
            List<Change> changes = new ArrayList<>();
            for (Facts.DenseRef layer : dense) {
                Activation a = layer.spec().activation();
                if (a == Activation.SIGMOID || a == Activation.TANH) {
                    changes.add(new Change(layer.path() + ".activation", "relu"));
                    changes.add(new Change(layer.path() + ".init", "he"));
                }
            }
            if (changes.isEmpty()) {
                changes.add(new Change("training.optimizer.type", "adam"));
            }
            Map<String, Object> evidence = evidence("firstLayerOverOutputGradient", first, "vanishingRatio", vanishing);
            evidence.put("gradientRatioByLayer", ratios);
            add(Rule.VANISHING_GRADIENTS, relativeFall() < t.get("stallImprovement") ? Severity.CRITICAL
                    : Severity.WARNING, layers, range[0], range[1], evidence, String.format(Locale.ROOT, "The gradient "
                    + "reaching %s is %.2g times the output layer's (median over epochs; the rule fires below %.2g): "
                    + "each layer multiplies the gradient by its activation's derivative (at most 0.25 for sigmoid, 1 "
                    + "for tanh) and its weights, so it shrinks layer by layer towards the input and the first layers "
                    + "barely learn. ReLU, whose derivative is 1 where it is active, with He initialization keeps it "
                    + "flowing.", dense.get(0).name(), first, vanishing), changes);
        } else if (first > exploding) {
            List<String> layers = ratios.entrySet().stream().filter(e -> e.getValue() > exploding).map(Map.Entry::getKey)
                    .toList();
            int[] range = range(ratio(h.of(dense.get(0).name() + ".grad_norm"), output), r -> r > exploding);
            add(Rule.EXPLODING_GRADIENTS, Severity.WARNING, layers, range[0], range[1],
                    evidence("firstLayerOverOutputGradient", first, "explodingRatio", exploding),
                    String.format(Locale.ROOT, "The gradient reaching %s is %.2g times the output layer's (the rule "
                    + "fires above %.2g): it grows layer by layer towards the input, so the first layers take huge, "
                    + "unstable steps. Clip the gradient norm and lower the learning rate.", dense.get(0).name(), first,
                    exploding), List.of(new Change("training.gradientClipNorm", 1.0),
                    learningRateTimes(0.1)));
        }
    }

    private void gradientSpike() {
        double[] norms = h.of("grad_norm");
        double[] largest = h.has("grad_norm_max") ? h.of("grad_norm_max") : norms;
        double factor = t.get("gradientSpike");
        for (int e = 3; e < norms.length; e++) {
            double before = median(Arrays.copyOf(largest, e));
            if (largest[e] > factor * before && before > 0) {
                if (has(Rule.EXPLODING_GRADIENTS)) {
                    return;
                }
                add(Rule.EXPLODING_GRADIENTS, Severity.WARNING, List.of(), e, e, evidence("largestStepGradientNorm",
                        largest[e], "medianLargestBefore", before, "gradientSpike", factor), String.format(Locale.ROOT,
                        "At epoch %d a step's gradient norm jumped to %.3g, %.1f times the median of the earlier "
                        + "epochs' largest (the rule fires above %.0f times): a step landed on a cliff of the loss "
                        + "surface, and the update it makes throws the weights far. Clipping the gradient norm bounds "
                        + "such steps.", e, largest[e], largest[e] / before, factor),
                        List.of(new Change("training.gradientClipNorm", 1.0)));
                return;
            }
        }
    }

    // ---- units ----

    private void deadUnits() {
        layerCondition(Rule.DEAD_RELU, "dead_fraction", t.get("deadFraction"),
                a -> a == Activation.RELU || a == Activation.LEAKY_RELU, (layer, value) -> String.format(Locale.ROOT,
                        "%.0f%% of %s's units output zero for every sample (the rule fires at %.0f%%): a ReLU unit "
                        + "whose input stays negative has zero gradient and never recovers, often after a too large "
                        + "step. Leaky ReLU keeps a small gradient for negative inputs.", 100 * value, layer,
                        100 * t.get("deadFraction")), layer -> List.of(new Change(layer.path() + ".activation",
                        "leaky_relu"), new Change(layer.path() + ".init", "he")));
    }

    private void saturatedUnits() {
        layerCondition(Rule.SATURATED_UNITS, "saturated_fraction", t.get("saturatedFraction"),
                a -> a == Activation.SIGMOID || a == Activation.TANH, (layer, value) -> String.format(Locale.ROOT,
                        "%.0f%% of %s's activations sit within 0.01 of the activation's bounds (the rule fires at "
                        + "%.0f%%): there the derivative is nearly zero, so almost no gradient passes. ReLU does not "
                        + "saturate for positive inputs.", 100 * value, layer, 100 * t.get("saturatedFraction")),
                layer -> List.of(new Change(layer.path() + ".activation", "relu"),
                        new Change(layer.path() + ".init", "he")));
    }

    private void layerCondition(Rule rule, String metric, double threshold,
            java.util.function.Predicate<Activation> applies, java.util.function.BiFunction<String, Double, String> text,
            java.util.function.Function<Facts.DenseRef, List<Change>> fix) {
        int patience = (int) t.get("patience");
        List<String> layers = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        int from = Integer.MAX_VALUE;
        int to = -1;
        double worst = 0;
        String worstLayer = null;
        for (Facts.DenseRef layer : dense) {
            if (!applies.test(layer.spec().activation())) {
                continue;
            }
            double[] values = h.of(layer.name() + "." + metric);
            int start = trailingRun(values, v -> v >= threshold);
            if (start < 0 || values.length - start < Math.min(patience, values.length)) {
                continue;
            }
            layers.add(layer.name());
            changes.addAll(fix.apply(layer));
            from = Math.min(from, start);
            to = values.length - 1;
            double last = values[values.length - 1];
            if (last >= worst) {
                worst = last;
                worstLayer = layer.name();
            }
        }
        if (layers.isEmpty()) {
            return;
        }
        Map<String, Object> evidence = evidence(metric, worst, rule == Rule.DEAD_RELU ? "deadFraction"
                : "saturatedFraction", threshold, "patience", patience);
        add(rule, worst >= 0.9 ? Severity.CRITICAL : Severity.WARNING, layers, from, to, evidence,
                text.apply(worstLayer, worst), changes);
    }

    private boolean symmetricInitialization() {
        List<String> layers = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        double tolerance = t.get("symmetryTolerance");
        int last = h.epochs() - 1;
        for (Facts.DenseRef layer : dense) {
            double spread = h.at(layer.name() + ".unit_spread", last);
            double size = h.at(layer.name() + ".weight_norm", last);
            if (layer.spec().units() > 1 && !Double.isNaN(spread) && spread <= tolerance * Math.max(1, size)) {
                layers.add(layer.name());
                changes.add(new Change(layer.path() + ".init", Init.forActivation(layer.spec().activation())
                        instanceof Init.He ? "he" : "xavier"));
            }
        }
        if (layers.isEmpty()) {
            return false;
        }
        Facts.DenseRef first = dense.stream().filter(d -> d.name().equals(layers.get(0))).findFirst().orElseThrow();
        add(Rule.SYMMETRIC_INITIALIZATION, Severity.CRITICAL, layers, 0, last, evidence("unitSpread",
                h.at(first.name() + ".unit_spread", last), "symmetryTolerance", tolerance, "init",
                initName(first.spec().init())), String.format(Locale.ROOT, "Every unit of %s still has exactly the same "
                + "weights after %d epochs (%s initialization): units that start equal compute the same output and "
                + "receive the same gradient, so they stay equal and the layer is worth one unit. Random "
                + "initialization breaks the symmetry.", String.join(", ", layers), h.epochs(),
                initName(first.spec().init())), changes);
        return true;
    }

    private void initializationScale() {
        double input = h.at("input.variance", 0);
        if (!(input > 0)) {
            return;
        }
        double collapse = t.get("varianceCollapse");
        double blowUp = t.get("varianceBlowUp");
        Map<String, Double> ratios = new LinkedHashMap<>();
        List<String> layers = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        for (Facts.DenseRef layer : dense) {
            double ratio = h.at(layer.name() + ".preact_variance", 0) / input;
            if (Double.isNaN(ratio) || layer.spec().init().symmetric()) { // symmetric_initialization's concern
                continue;
            }
            ratios.put(layer.name(), ratio);
            if (ratio < collapse || ratio > blowUp) {
                layers.add(layer.name());
                Init right = Init.forActivation(layer.spec().activation());
                changes.add(new Change(layer.path() + ".init", right instanceof Init.He ? "he" : "xavier"));
            }
        }
        if (layers.isEmpty()) {
            return;
        }
        double worst = ratios.get(layers.get(layers.size() - 1));
        Facts.DenseRef firstBad = dense.stream().filter(d -> d.name().equals(layers.get(0))).findFirst().orElseThrow();
        Map<String, Object> evidence = evidence("varianceOverInput", worst, worst < collapse ? "varianceCollapse"
                : "varianceBlowUp", worst < collapse ? collapse : blowUp);
        evidence.put("varianceOverInputByLayer", ratios);
        add(Rule.INITIALIZATION_SCALE, Severity.WARNING, layers, 0, 0, evidence, String.format(Locale.ROOT,
                "At the first step the pre-activations of %s had %.3g times the input's variance (the rule fires "
                + "below %.2g or above %.2g): %s initialization of %s layers %s the signal layer by layer. He "
                + "initialization (variance 2/inputs) keeps ReLU layers' variance steady, Xavier (1/inputs) tanh and "
                + "sigmoid layers'.", layers.get(layers.size() - 1), worst, collapse, blowUp,
                initName(firstBad.spec().init()), firstBad.spec().activation().name().toLowerCase(Locale.ROOT),
                worst < collapse ? "shrinks" : "amplifies"), changes);
    }

    // ---- learning rate and progress ----

    private boolean learningRateTooLarge() {
        double lr = f.training().optimizer().learningRate();
        if (f.divergence() != null) {
            add(Rule.LEARNING_RATE_TOO_LARGE, Severity.CRITICAL, List.of(), Math.max(0, h.epochs() - 1),
                    Math.max(0, h.epochs() - 1), evidence("learningRate", lr, "divergence", f.divergence()),
                    "Training diverged: " + f.divergence() + ". Each step overshot the minimum by more than it "
                    + "gained, so the loss grew until it blew up. A learning rate 10 times smaller steps within the "
                    + "basin.", List.of(learningRateTimes(0.1)));
            return true;
        }
        if (h.epochs() == 0) {
            return false;
        }
        double[] loss = h.of("train_loss");
        int best = argMin(loss);
        double lastLoss = h.last("train_loss");
        double rise = loss[best] > 0 ? (lastLoss - loss[best]) / loss[best] : 0;
        double ratio = median(maxOverLayers("update_ratio"));
        boolean rising = best < loss.length - 1 && rise >= t.get("lossRise");
        boolean bigSteps = ratio > t.get("largeUpdateRatio");
        if (!rising && !bigSteps) {
            return false;
        }
        Map<String, Object> evidence = evidence("learningRate", lr, "medianUpdateRatio", ratio, "largeUpdateRatio",
                t.get("largeUpdateRatio"));
        evidence.put("lossRiseAboveBest", rise);
        evidence.put("lossRise", t.get("lossRise"));
        add(Rule.LEARNING_RATE_TOO_LARGE, Severity.WARNING, List.of(), rising ? best : 0, loss.length - 1, evidence,
                String.format(Locale.ROOT, "%s With learning rate %.3g the steps are too big for the loss surface: "
                + "they jump across the valley instead of down it. A learning rate 10 times smaller is a safer start.",
                rising ? String.format(Locale.ROOT, "The training loss rose %.0f%% above its best (epoch %d) by the "
                + "end.", 100 * rise, best) : String.format(Locale.ROOT, "Each step changed the weights by %.2g of "
                + "their size (median; healthy is about 1e-3, the rule fires above %.2g).", ratio,
                t.get("largeUpdateRatio")), lr), List.of(learningRateTimes(0.1)));
        return true;
    }

    private boolean learningRateTooSmall() {
        double ratio = median(medianOverLayers("update_ratio"));
        double fall = relativeFall();
        if (!(ratio < t.get("smallUpdateRatio")) || fall >= 5 * t.get("stallImprovement")) {
            return false;
        }
        double lr = f.training().optimizer().learningRate();
        double factor = Math.pow(10, Math.max(1, Math.min(3, Math.round(Math.log10(1e-3 / ratio)))));
        add(Rule.LEARNING_RATE_TOO_SMALL, fall < t.get("stallImprovement") ? Severity.CRITICAL : Severity.WARNING,
                List.of(), 0, h.epochs() - 1, evidence("learningRate", lr, "medianUpdateRatio", ratio,
                "smallUpdateRatio", t.get("smallUpdateRatio"), "lossFall", fall), String.format(Locale.ROOT,
                "With learning rate %.3g each step changed the weights by only %.2g of their size (median; healthy "
                + "is about 1e-3, the rule fires below %.2g), and the training loss fell by %.1f%% over %d epochs. "
                + "The steps are too small to get anywhere in this budget: a learning rate %.0f times larger.",
                lr, ratio, t.get("smallUpdateRatio"), 100 * fall, h.epochs(), factor),
                List.of(learningRateTimes(factor)));
        return true;
    }

    private boolean stalled() {
        int n = h.epochs();
        double half = h.at("train_loss", n / 2);
        double last = h.last("train_loss");
        double fall = half > 0 ? (half - last) / half : 0;
        double chance = chanceLoss();
        if (n < 2 || fall >= t.get("stallImprovement") || !(last >= 0.9 * chance)) {
            return false;
        }
        List<Change> changes = f.training().optimizer() instanceof OptimizerSpec.Adam ? List.of()
                : List.of(new Change("training.optimizer", Map.of("type", "adam", "learningRate", 0.001)));
        add(Rule.STALLED_TRAINING, Severity.CRITICAL, List.of(), n / 2, n - 1, evidence("lossFall", fall,
                "stallImprovement", t.get("stallImprovement"), "trainLoss", last, "chanceLoss", chance),
                String.format(Locale.ROOT, "The training loss fell by %.1f%% over the second half of %d epochs and "
                + "ends at %.3g, where a model that predicts %s would be (%.3g): the network has learned nothing, and "
                + "no more precise rule explains why. Adam with its default learning rate is a robust start.",
                100 * fall, n, last, f.task() == Task.CLASSIFICATION ? "the class frequencies" : "the mean", chance),
                changes);
        return true;
    }

    private boolean plateau() {
        int window = Math.max(5, (int) t.get("patience"));
        int n = h.epochs();
        if (n < window + 1) {
            return false;
        }
        double[] loss = h.of("train_loss");
        double start = loss[n - 1 - window];
        double end = loss[n - 1];
        double flat = Math.abs(start - end) / Math.max(1e-12, Math.abs(start));
        double scale = Math.max(1, Arrays.stream(h.of("grad_norm")).filter(v -> !Double.isNaN(v)).max().orElse(1));
        double gradient = h.last("grad_norm") / scale;
        double chance = chanceLoss();
        if (flat >= 1e-3 || !(gradient < t.get("plateauGradient")) || !(end >= 0.5 * chance)) {
            return false;
        }
        List<Change> changes = f.training().optimizer() instanceof OptimizerSpec.Sgd
                ? List.of(new Change("training.optimizer", Map.of("type", "momentum", "learningRate",
                        f.training().optimizer().learningRate(), "beta", 0.9))) : List.of();
        add(Rule.PLATEAU, Severity.WARNING, List.of(), n - 1 - window, n - 1, evidence("lossChange", flat,
                "gradientOverLargest", gradient, "plateauGradient", t.get("plateauGradient"), "trainLoss", end),
                String.format(Locale.ROOT, "For the last %d epochs the training loss stayed at %.3g (changed by "
                + "%.2g) with a gradient norm %.2g times the run's largest (or of 1, if larger), while the loss is "
                + "still high: a flat region with a near-zero gradient, in many dimensions most likely a saddle "
                + "point rather than a minimum. Momentum carries the optimizer across; a Hessian analysis tells a saddle (eigenvalues of both "
                + "signs) from a minimum.", window, end, flat, gradient), changes);
        return true;
    }

    private boolean overfitting() {
        if (!h.has("val_loss")) {
            return false;
        }
        double[] val = h.of("val_loss");
        int best = argMin(val);
        int last = val.length - 1;
        double rise = (val[last] - val[best]) / Math.max(1e-12, val[best]);
        int patience = (int) t.get("patience");
        if (last - best < patience || rise < t.get("overfitRise") || !(h.last("train_loss") < h.at("train_loss", best))) {
            return false;
        }
        boolean guarded = f.training().earlyStopping() != null && f.training().earlyStopping().restoreBestWeights();
        List<Change> changes = new ArrayList<>();
        if (f.training().earlyStopping() == null) {
            changes.add(new Change("training.earlyStopping", Map.of("monitor", "val_loss", "patience", 10,
                    "restoreBestWeights", true)));
        }
        if (f.training().regularization().l2() == 0) {
            changes.add(new Change("training.regularization.l2", 1e-4));
        }
        boolean accuracyHeld = h.has("val_accuracy") && h.last("val_accuracy") >= h.at("val_accuracy", best);
        Map<String, Object> evidence = evidence("bestValidationLoss", val[best], "finalValidationLoss", val[last],
                "overfitRise", t.get("overfitRise"));
        if (h.has("val_accuracy")) {
            evidence.put("validationAccuracyAtBest", h.at("val_accuracy", best));
            evidence.put("finalValidationAccuracy", h.last("val_accuracy"));
        }
        add(Rule.OVERFITTING, guarded || accuracyHeld ? Severity.INFO : Severity.WARNING, List.of(), best, last,
                evidence, String.format(Locale.ROOT, "The validation loss was lowest at epoch %d (%.3g) and rose %.0f%% "
                + "by epoch %d while the training loss kept falling: the model learns the training rows' noise "
                + "instead of what generalizes. Early stopping keeps the best epoch; L2 regularization, dropout or "
                + "data augmentation make memorizing harder.%s%s", best, val[best], 100 * rise, last,
                accuracyHeld ? String.format(Locale.ROOT, " The validation accuracy held (%.3g then, %.3g at the "
                + "end): so far the model grows overconfident on the rows it gets wrong rather than getting more of "
                + "them wrong.", h.at("val_accuracy", best), h.last("val_accuracy")) : "",
                guarded ? " Early stopping with restoreBestWeights already keeps the best epoch's weights." : ""),
                changes);
        return true;
    }

    private void underfitting() {
        double chance = chanceLoss();
        double last = h.last("train_loss");
        int n = h.epochs();
        if (n < 4 || !(last >= t.get("underfitLoss") * chance)) {
            return;
        }
        double half = h.at("train_loss", n / 2);
        double lateFall = (half - last) / Math.max(1e-12, half);
        if (lateFall >= t.get("stallImprovement")) {
            return;
        }
        List<Change> changes = new ArrayList<>();
        if (dense.isEmpty()) {
            changes.add(new Change("model.layers", List.of(Map.of("type", "dense", "units", 64, "activation", "relu"))));
        } else {
            for (Facts.DenseRef layer : dense) {
                if (layer.spec().activation() == Activation.LINEAR) { // a stack of linear layers is one linear map
                    changes.add(new Change(layer.path() + ".activation", "relu"));
                    changes.add(new Change(layer.path() + ".init", "he"));
                } else {
                    changes.add(new Change(layer.path() + ".units", 2 * layer.spec().units()));
                }
            }
        }
        add(Rule.UNDERFITTING, Severity.WARNING, List.of(), n / 2, n - 1, evidence("trainLoss", last, "chanceLoss",
                chance, "underfitLoss", t.get("underfitLoss"), "lateFall", lateFall), String.format(Locale.ROOT,
                "The training loss ends at %.3g, %.0f%% of what predicting %s scores, and moved by %.1f%% over the "
                + "second half: the model is too simple for the data, or trains too briefly. More units (or "
                + "layers) give it the capacity.", last, 100 * last / chance, f.task() == Task.CLASSIFICATION
                ? "the class frequencies" : "the mean", 100 * lateFall), changes);
    }

    // ---- dataset ----

    private void datasetRules() {
        double[] std = f.featureRange();
        if (!f.split().standardize() && std.length > 1) {
            double max = 0;
            double min = Double.POSITIVE_INFINITY;
            for (double s : std) {
                if (s > 0) {
                    max = Math.max(max, s);
                    min = Math.min(min, s);
                }
            }
            if (max / min > t.get("featureScaleRatio")) {
                add(Rule.UNSCALED_FEATURES, Severity.WARNING, List.of(), 0, Math.max(0, h.epochs() - 1),
                        evidence("largestRange", max, "smallestRange", min, "featureScaleRatio", t.get("featureScaleRatio")),
                        String.format(Locale.ROOT, "dataset.standardize is off and the features' spreads differ "
                        + "%.2g-fold (ranges %.3g to %.3g): the loss surface is stretched along the "
                        + "large features, so one learning rate is too big for them and too small for the rest. "
                        + "Standardizing gives every feature mean 0 and variance 1.", max / min, min, max),
                        List.of(new Change("dataset.standardize", true)));
            }
        }
        long[] counts = f.classCounts();
        if (f.task() == Task.CLASSIFICATION && counts.length > 1) {
            long max = Arrays.stream(counts).max().orElse(0);
            long min = Arrays.stream(counts).min().orElse(0);
            if (min == 0 || (double) max / min > t.get("classImbalanceRatio")) {
                add(Rule.CLASS_IMBALANCE, Severity.WARNING, List.of(), 0, Math.max(0, h.epochs() - 1),
                        evidence("largestClass", max, "smallestClass", min, "classImbalanceRatio",
                        t.get("classImbalanceRatio")), String.format(Locale.ROOT, "The largest class has %d rows "
                        + "and the smallest %d: a model can score %.0f%% accuracy by always answering the largest. "
                        + "Judge it by the per-class numbers of the test confusion matrix, and collect or resample "
                        + "rows of the rare classes.", max, min, 100.0 * max / Arrays.stream(counts).sum()),
                        List.of());
            }
        }
    }

    // ---- helpers ----

    private double chanceLoss() {
        if (f.task() == Task.CLASSIFICATION && f.model().loss() == Loss.MEAN_SQUARED_ERROR) {
            return Double.NaN;
        }
        return f.chanceLoss();
    }

    /** (first - last) / first of the training loss. */
    private double relativeFall() {
        double first = h.first("train_loss");
        double last = h.last("train_loss");
        return first > 0 ? (first - last) / first : 0;
    }

    private Change learningRateTimes(double factor) {
        return new Change("training.optimizer.learningRate", Double.parseDouble(String.format(Locale.ROOT, "%.3g",
                f.training().optimizer().learningRate() * factor)));
    }

    private static String initName(Init init) {
        return init.parameters().isEmpty() ? init.type() : init.type() + " " + init.parameters();
    }

    private double[] maxOverLayers(String metric) {
        double[] out = new double[h.epochs()];
        Arrays.fill(out, Double.NaN);
        for (Facts.DenseRef layer : dense) {
            double[] values = h.of(layer.name() + "." + metric);
            for (int e = 0; e < out.length; e++) {
                if (!Double.isNaN(values[e]) && !(values[e] <= out[e])) {
                    out[e] = values[e];
                }
            }
        }
        return out;
    }

    private double[] medianOverLayers(String metric) {
        double[] out = new double[h.epochs()];
        double[] perLayer = new double[dense.size()];
        for (int e = 0; e < out.length; e++) {
            for (int l = 0; l < dense.size(); l++) {
                perLayer[l] = h.at(dense.get(l).name() + "." + metric, e);
            }
            out[e] = median(perLayer);
        }
        return out;
    }

    private static double[] ratio(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = b[i] > 0 ? a[i] / b[i] : Double.NaN;
        }
        return out;
    }

    /** The median of the values that are not NaN; NaN when there are none. */
    static double median(double[] values) {
        double[] kept = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (kept.length == 0) {
            return Double.NaN;
        }
        int mid = kept.length / 2;
        return kept.length % 2 == 1 ? kept[mid] : (kept[mid - 1] + kept[mid]) / 2;
    }

    private static int argMin(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] < values[best] || Double.isNaN(values[best])) {
                best = i;
            }
        }
        return best;
    }

    /** The first and last epoch where the condition holds; [0, last epoch] when it never does. */
    private int[] range(double[] values, java.util.function.DoublePredicate condition) {
        int from = -1;
        int to = -1;
        for (int e = 0; e < values.length; e++) {
            if (!Double.isNaN(values[e]) && condition.test(values[e])) {
                from = from < 0 ? e : from;
                to = e;
            }
        }
        return from < 0 ? new int[] {0, values.length - 1} : new int[] {from, to};
    }

    /** Where the run of epochs that hold the condition up to the last one starts; -1 when the last does not hold. */
    private static int trailingRun(double[] values, java.util.function.DoublePredicate condition) {
        int start = values.length;
        while (start > 0 && !Double.isNaN(values[start - 1]) && condition.test(values[start - 1])) {
            start--;
        }
        return start == values.length ? -1 : start;
    }

    private static Map<String, Object> evidence(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
