package dev.trainyard.engine.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.trainyard.engine.Rng;
import dev.trainyard.engine.tensor.Tensor;

/**
 * Reading and writing the pieces of a checkpoint. Tensors are written at full double precision
 * whatever their own precision, so a restored float tensor is bit-for-bit what was saved.
 */
final class CheckpointIo {

    private CheckpointIo() {
    }

    static void writeTensor(DataOutputStream out, Tensor tensor) throws IOException {
        out.writeInt(tensor.size());
        for (int i = 0; i < tensor.size(); i++) {
            out.writeDouble(tensor.get(i));
        }
    }

    static void readTensor(DataInputStream in, Tensor into) throws IOException {
        int size = in.readInt();
        if (size != into.size()) {
            throw new IllegalArgumentException("checkpoint holds a tensor of " + size + " values where " + into.size()
                    + " are expected: it belongs to another model");
        }
        for (int i = 0; i < size; i++) {
            into.set(i, in.readDouble());
        }
    }

    static void writeRng(DataOutputStream out, Rng rng) throws IOException {
        Rng.State state = rng.save();
        out.writeLong(state.state());
        out.writeBoolean(state.hasSpareGaussian());
        out.writeDouble(state.spareGaussian());
    }

    static void readRng(DataInputStream in, Rng rng) throws IOException {
        rng.restore(new Rng.State(in.readLong(), in.readBoolean(), in.readDouble()));
    }

    static void writeInts(DataOutputStream out, int[] values) throws IOException {
        out.writeInt(values.length);
        for (int value : values) {
            out.writeInt(value);
        }
    }

    static void readInts(DataInputStream in, int[] into) throws IOException {
        int length = in.readInt();
        if (length != into.length) {
            throw new IllegalArgumentException("checkpoint holds " + length + " rows where " + into.length
                    + " are expected: it belongs to another dataset");
        }
        for (int i = 0; i < length; i++) {
            into[i] = in.readInt();
        }
    }

    static void writeHistory(DataOutputStream out, List<EpochMetrics> history) throws IOException {
        out.writeInt(history.size());
        for (EpochMetrics epoch : history) {
            out.writeInt(epoch.epoch());
            out.writeInt(epoch.steps());
            out.writeInt(epoch.values().size());
            for (Map.Entry<String, Double> value : new TreeMap<>(epoch.values()).entrySet()) {
                out.writeUTF(value.getKey());
                out.writeDouble(value.getValue());
            }
        }
    }

    static List<EpochMetrics> readHistory(DataInputStream in) throws IOException {
        int epochs = in.readInt();
        List<EpochMetrics> history = new ArrayList<>(epochs);
        for (int e = 0; e < epochs; e++) {
            int epoch = in.readInt();
            int steps = in.readInt();
            int count = in.readInt();
            Map<String, Double> values = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                values.put(in.readUTF(), in.readDouble());
            }
            history.add(new EpochMetrics(epoch, steps, values));
        }
        return history;
    }
}
