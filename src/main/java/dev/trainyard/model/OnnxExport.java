package dev.trainyard.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.google.protobuf.ByteString;

import dev.trainyard.engine.data.Imputer;
import dev.trainyard.engine.data.Normalizer;
import dev.trainyard.engine.model.TrainedModel;
import dev.trainyard.engine.spec.Activation;
import dev.trainyard.engine.spec.LayerSpec;
import dev.trainyard.engine.spec.Loss;
import onnx.OnnxProto.AttributeProto;
import onnx.OnnxProto.GraphProto;
import onnx.OnnxProto.ModelProto;
import onnx.OnnxProto.NodeProto;
import onnx.OnnxProto.OperatorSetIdProto;
import onnx.OnnxProto.StringStringEntryProto;
import onnx.OnnxProto.TensorProto;
import onnx.OnnxProto.TensorShapeProto;
import onnx.OnnxProto.TypeProto;
import onnx.OnnxProto.ValueInfoProto;

/**
 * Writes a {@link TrainedModel} as a standard ONNX model (opset 17, IR version 8) that predicts on raw feature rows
 * exactly as {@code Predictor} does.
 *
 * <p>The graph takes {@value #INPUT} of type float[N, rawFeatures]: the raw encoded features (numbers and one-hot
 * columns) in the model's input order, without the missing-value indicators, and NaN for a missing value when the
 * model imputes. It returns {@value #OUTPUT}, float[N, outputs]: class probabilities (softmax, or one sigmoid column
 * for a binary model) or regression values. In between:
 * <ul>
 *   <li>for a model that imputes, the imputer over the whole row at once: {@code IsNaN} of the input, then
 *       {@code Where}(missing, fill, x) with the fill vector (one value per raw feature) broadcast over the rows, so
 *       every raw feature's NaN takes its fill value, as the engine's {@code Imputer} does also for a feature that
 *       had no missing values in training; when the model has indicators, {@code Gather} (axis 1) of the missing
 *       mask's indicated columns in feature order, {@code Cast} to float (1 where the cell was missing) and
 *       {@code Concat} (axis 1) after the filled features, so the network's input is the {@code Imputer}'s row;
 *   <li>the normalizer, (x - mean) / scale, as {@code Sub} and {@code Div};
 *   <li>a dense layer as {@code Gemm} (x W + b) followed by its activation: {@code Sigmoid}, {@code Tanh},
 *       {@code Relu}, {@code LeakyRelu} with the layer's alpha, or nothing for linear;
 *   <li>batch normalization in inference form, folded into {@code Mul} and {@code Add}:
 *       y = x * a + c with a = gamma / sqrt(runningVariance + epsilon) and c = beta - runningMean * a;
 *   <li>dropout as nothing (it is the identity at inference);
 *   <li>a residual block as its inner layers, then {@code Add} of the block's input;
 *   <li>the linear output layer ({@code Gemm}), then {@code Softmax} (axis -1), {@code Sigmoid} or nothing, as the
 *       resolved loss says;
 *   <li>optionally, for a regression target that was standardized, y = y' * scale + mean as {@code Mul} and
 *       {@code Add}.
 * </ul>
 * Weights are read from the flat parameter vector in the network's layout (per dense layer its weights, inputs x
 * units row-major, then its biases; per batch-norm layer gamma, then beta; residual blocks in place), and the
 * batch-norm running mean and variance from the model's state, in layer order. Every node's doc string says which
 * layer it belongs to.
 *
 * <p>A model trained without an imputer refuses a NaN feature in the engine's {@code Predictor}; ONNX has no way to
 * fail a row, so its graph lets the NaN through and that row's outputs are NaN. A NaN in a one-hot column of an
 * imputing model is filled as any other feature is (the {@code Imputer} does the same), though the card's encoding
 * never gives one: an empty categorical cell is all zeros.
 *
 * <p>The graph computes in float, as the engine's {@code Predictor} does after imputing and normalizing in double. A
 * feature whose values sit far from zero compared with their spread (a year, a timestamp) loses digits already when it
 * is handed over as float, before the normalizer can center it; such a feature is best centered before export or by
 * the caller.
 */
public final class OnnxExport {

    public static final String INPUT = "features";
    public static final String OUTPUT = "output";
    public static final int OPSET = 17;
    /** The IR version that goes with opset 17. */
    public static final int IR_VERSION = 8;
    public static final String PRODUCER = "trainyard";

    private OnnxExport() {
    }

    /**
     * The model as ONNX bytes; {@code name} names the graph. A regression trained on a standardized target answers in
     * the target's units. A model that imputes missing values takes NaN for them and imputes in the graph.
     */
    public static byte[] export(TrainedModel model, String name) {
        return build(model, name, model.target() == null ? null
                : new double[] {model.target().mean()[0], model.target().scale()[0]}).toByteArray();
    }

    /**
     * The model as ONNX bytes, with regression outputs mapped back to the target's units, y = y' * scale + mean, as the
     * graph's last nodes.
     */
    public static byte[] export(TrainedModel model, String name, double targetMean, double targetScale) {
        if (!Double.isFinite(targetMean) || !Double.isFinite(targetScale) || targetScale <= 0) {
            throw new IllegalArgumentException("the target mean must be finite and its scale finite and > 0, were "
                    + targetMean + " and " + targetScale);
        }
        if (model.target() != null) {
            throw new IllegalArgumentException("the model has its own target scale, which export(model, name) applies");
        }
        if (model.loss() != Loss.MEAN_SQUARED_ERROR) {
            throw new IllegalArgumentException("only a regression model has a target to de-standardize; this one's loss is "
                    + model.loss());
        }
        return build(model, name, new double[] {targetMean, targetScale}).toByteArray();
    }

    static ModelProto build(TrainedModel model, String name, double[] target) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the graph needs a name");
        }
        Graph graph = new Graph(model.parameters(), model.state());
        String x = model.imputer() == null ? INPUT : impute(graph, INPUT, model.imputer());
        graph.doc = "normalizer: (x - mean) / scale, fitted on the training split";
        x = normalize(graph, x, model.normalizer());
        int width = model.inputs();
        for (int i = 0; i < model.model().layers().size(); i++) {
            LayerSpec spec = model.model().layers().get(i);
            x = layer(graph, spec, "layer" + i, x, width);
            width = spec.outputWidth(width);
        }
        graph.doc = "output: dense, " + model.outputs() + " units, then the activation of " + model.loss().name().toLowerCase();
        x = graph.dense("output", x, width, model.outputs());
        x = switch (model.loss()) {
            case SOFTMAX_CROSS_ENTROPY -> graph.node("Softmax", "output.softmax", List.of(x), List.of(
                    AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(-1).build()));
            case BINARY_CROSS_ENTROPY -> graph.node("Sigmoid", "output.sigmoid", List.of(x), List.of());
            case MEAN_SQUARED_ERROR -> x;
            case AUTO -> throw new IllegalArgumentException("the model's loss must be resolved, was AUTO");
        };
        if (target != null) {
            graph.doc = "target: y = y' * " + target[1] + " + " + target[0];
            x = graph.node("Mul", "target.mul", List.of(x, graph.constant("target.scale", new long[] {1},
                    new double[] {target[1]})), List.of());
            x = graph.node("Add", "target.add", List.of(x, graph.constant("target.mean", new long[] {1},
                    new double[] {target[0]})), List.of());
        }
        graph.finish(x);

        GraphProto.Builder proto = GraphProto.newBuilder()
                .setName(name)
                .setDocString("Trainyard model '" + name + "': raw encoded features in"
                        + (model.imputer() == null ? "" : " (NaN where missing)") + ", "
                        + (model.loss() == Loss.MEAN_SQUARED_ERROR ? "regression values" : "class probabilities") + " out")
                .addAllNode(graph.nodes)
                .addAllInitializer(graph.initializers)
                .addInput(value(INPUT, model.rawFeatures(), model.imputer() == null
                        ? "raw features in the model's input order, before normalization"
                        : "raw features in the model's input order, NaN where missing, before imputation and "
                                + "normalization"))
                .addOutput(value(OUTPUT, model.outputs(), outputDoc(model)));
        ModelProto.Builder result = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName(PRODUCER)
                .setDocString("A Trainyard network exported with its input " + (model.imputer() == null ? ""
                        : "imputer and ") + "normalizer; " + outputDoc(model))
                .setGraph(proto)
                .addMetadataProps(entry("task", model.task().name().toLowerCase()))
                .addMetadataProps(entry("loss", model.loss().name().toLowerCase()));
        if (!model.classNames().isEmpty()) {
            result.addMetadataProps(entry("classes", String.join("\n", model.classNames())));
        }
        if (graph.parameterOffset != graph.parameters.length) {
            throw new IllegalArgumentException("the model holds " + graph.parameters.length
                    + " parameters, its architecture uses " + graph.parameterOffset);
        }
        if (graph.stateIndex != graph.state.size()) {
            throw new IllegalArgumentException("the model holds " + graph.state.size()
                    + " state tensors, its architecture uses " + graph.stateIndex);
        }
        return result.build();
    }

    private static String outputDoc(TrainedModel model) {
        return switch (model.loss()) {
            case SOFTMAX_CROSS_ENTROPY -> "softmax probabilities of the classes " + model.classNames();
            case BINARY_CROSS_ENTROPY -> "the probability of class '" + (model.classNames().size() > 1
                    ? model.classNames().get(1) : "1") + "'";
            default -> "regression values";
        };
    }

    /**
     * The imputer's row from the raw one: each NaN takes its feature's fill value, then, when there are indicators,
     * one 0/1 column per indicated feature in feature order (the order {@link Imputer#apply} appends them).
     */
    private static String impute(Graph graph, String x, Imputer imputer) {
        graph.doc = "imputer: a missing (NaN) feature takes its fill value, fitted on the training split";
        String missing = graph.node("IsNaN", "impute.isnan", List.of(x), List.of());
        String filled = graph.node("Where", "impute.where", List.of(missing, graph.constant("impute.fill",
                new long[] {imputer.features()}, imputer.fill()), x), List.of());
        if (imputer.indicators() == 0) {
            return filled;
        }
        boolean[] indicated = imputer.indicated();
        long[] columns = new long[imputer.indicators()];
        for (int f = 0, k = 0; f < indicated.length; f++) {
            if (indicated[f]) {
                columns[k++] = f;
            }
        }
        graph.doc = "imputer: the missing-value indicators of features " + Arrays.toString(columns)
                + ", 1 where the cell was missing, after the features";
        String picked = graph.node("Gather", "impute.gather", List.of(missing, graph.indices("impute.indicated",
                columns)), List.of(integer("axis", 1)));
        String indicators = graph.node("Cast", "impute.cast", List.of(picked),
                List.of(integer("to", TensorProto.DataType.FLOAT_VALUE)));
        return graph.node("Concat", "impute.concat", List.of(filled, indicators), List.of(integer("axis", 1)));
    }

    private static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    private static String normalize(Graph graph, String x, Normalizer normalizer) {
        long[] shape = {normalizer.features()};
        String centred = graph.node("Sub", "normalize.sub", List.of(x,
                graph.constant("normalize.mean", shape, normalizer.mean())), List.of());
        return graph.node("Div", "normalize.div", List.of(centred,
                graph.constant("normalize.scale", shape, normalizer.scale())), List.of());
    }

    private static String layer(Graph graph, LayerSpec spec, String name, String x, int width) {
        if (spec instanceof LayerSpec.Dense dense) {
            graph.doc = name + ": dense, " + dense.units() + " units, " + dense.activation().name().toLowerCase()
                    + (dense.activation() == Activation.LEAKY_RELU ? " (alpha " + dense.alpha() + ")" : "");
            String z = graph.dense(name, x, width, dense.units());
            return activation(graph, name, z, dense.activation(), dense.alpha());
        }
        if (spec instanceof LayerSpec.BatchNorm norm) {
            graph.doc = name + ": batch norm at inference, gamma * (x - running mean) / sqrt(running variance + "
                    + norm.epsilon() + ") + beta, folded into x * multiplier + offset";
            double[] gamma = graph.take(width);
            double[] beta = graph.take(width);
            double[] mean = graph.nextState(width);
            double[] variance = graph.nextState(width);
            double[] a = new double[width];
            double[] c = new double[width];
            for (int j = 0; j < width; j++) {
                a[j] = gamma[j] / Math.sqrt(variance[j] + norm.epsilon());
                c[j] = beta[j] - mean[j] * a[j];
            }
            String scaled = graph.node("Mul", name + ".mul", List.of(x, graph.constant(name + ".multiplier",
                    new long[] {width}, a)), List.of());
            return graph.node("Add", name + ".add", List.of(scaled, graph.constant(name + ".offset",
                    new long[] {width}, c)), List.of());
        }
        if (spec instanceof LayerSpec.Dropout) {
            return x;
        }
        LayerSpec.Residual residual = (LayerSpec.Residual) spec;
        String h = x;
        int innerWidth = width;
        for (int i = 0; i < residual.layers().size(); i++) {
            LayerSpec inner = residual.layers().get(i);
            h = layer(graph, inner, name + "." + i, h, innerWidth);
            innerWidth = inner.outputWidth(innerWidth);
        }
        graph.doc = name + ": residual, y = x + f(x)";
        return graph.node("Add", name + ".skip", List.of(h, x), List.of());
    }

    private static String activation(Graph graph, String name, String z, Activation activation, double alpha) {
        return switch (activation) {
            case SIGMOID -> graph.node("Sigmoid", name + ".sigmoid", List.of(z), List.of());
            case TANH -> graph.node("Tanh", name + ".tanh", List.of(z), List.of());
            case RELU -> graph.node("Relu", name + ".relu", List.of(z), List.of());
            case LEAKY_RELU -> graph.node("LeakyRelu", name + ".leaky_relu", List.of(z), List.of(AttributeProto.newBuilder()
                    .setName("alpha").setType(AttributeProto.AttributeType.FLOAT).setF((float) alpha).build()));
            case LINEAR -> z;
        };
    }

    private static ValueInfoProto value(String name, int width, String doc) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width))
                .build();
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setDocString(doc)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                        .setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape)))
                .build();
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    /** The nodes and initializers being written, and where the reader stands in the parameters and the state. */
    private static final class Graph {

        final double[] parameters;
        final List<double[]> state;
        final List<NodeProto> nodes = new ArrayList<>();
        final List<TensorProto> initializers = new ArrayList<>();
        /** What the nodes being added stand for, written into their doc strings. */
        String doc = "";
        int parameterOffset;
        int stateIndex;

        Graph(double[] parameters, List<double[]> state) {
            this.parameters = parameters;
            this.state = state;
        }

        double[] take(int count) {
            if (parameterOffset + count > parameters.length) {
                throw new IllegalArgumentException("the model holds " + parameters.length
                        + " parameters, its architecture needs more");
            }
            double[] slice = Arrays.copyOfRange(parameters, parameterOffset, parameterOffset + count);
            parameterOffset += count;
            return slice;
        }

        double[] nextState(int width) {
            if (stateIndex >= state.size()) {
                throw new IllegalArgumentException("the model holds " + state.size()
                        + " state tensors, its architecture needs more");
            }
            double[] tensor = state.get(stateIndex++);
            if (tensor.length != width) {
                throw new IllegalArgumentException("state tensor " + (stateIndex - 1) + " has " + tensor.length
                        + " values, its layer is " + width + " wide");
            }
            return tensor;
        }

        /** z = x W + b, reading W (inputs x units, row-major) and then b from the parameters. */
        String dense(String name, String x, int inputs, int units) {
            String weights = constant(name + ".weights", new long[] {inputs, units}, take(inputs * units));
            String biases = constant(name + ".biases", new long[] {units}, take(units));
            return node("Gemm", name + ".gemm", List.of(x, weights, biases), List.of());
        }

        String constant(String name, long[] dims, double[] values) {
            ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            for (double value : values) {
                bytes.putFloat((float) value);
            }
            bytes.flip();
            TensorProto.Builder tensor = TensorProto.newBuilder()
                    .setName(name)
                    .setDataType(TensorProto.DataType.FLOAT_VALUE)
                    .setRawData(ByteString.copyFrom(bytes));
            for (long dim : dims) {
                tensor.addDims(dim);
            }
            initializers.add(tensor.build());
            return name;
        }

        /** A one-dimensional int64 initializer, as {@code Gather} takes its indices. */
        String indices(String name, long[] values) {
            initializers.add(TensorProto.newBuilder()
                    .setName(name)
                    .setDataType(TensorProto.DataType.INT64_VALUE)
                    .addDims(values.length)
                    .addAllInt64Data(Arrays.stream(values).boxed().toList())
                    .build());
            return name;
        }

        /** Adds a node whose one output is named after the node; returns that name. */
        String node(String op, String name, List<String> inputs, List<AttributeProto> attributes) {
            nodes.add(NodeProto.newBuilder()
                    .setOpType(op)
                    .setName(name)
                    .addAllInput(inputs)
                    .addOutput(name)
                    .addAllAttribute(attributes)
                    .setDocString(doc)
                    .build());
            return name;
        }

        /** Renames the last node's output to the graph's output (nothing else reads it). */
        void finish(String last) {
            int at = nodes.size() - 1;
            NodeProto node = nodes.get(at);
            if (!node.getOutput(0).equals(last)) {
                throw new IllegalStateException("the graph's result " + last + " is not its last node's output");
            }
            nodes.set(at, node.toBuilder().setOutput(0, OUTPUT).build());
        }
    }
}
