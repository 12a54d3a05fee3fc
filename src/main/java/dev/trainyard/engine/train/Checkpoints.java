package dev.trainyard.engine.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import dev.trainyard.engine.Rng;
import dev.trainyard.engine.data.PreparedData;
import dev.trainyard.engine.nn.Network;
import dev.trainyard.engine.optim.Optimizer;
import dev.trainyard.engine.spec.ModelSpec;
import dev.trainyard.engine.spec.TrainingSpec;
import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.tensor.Tensor;

/**
 * The complete state of a run between two epochs, as bytes: parameters, batch-norm statistics,
 * optimizer moments and step count, every random stream, the current shuffle order, the
 * divergence guard's reference loss, the early-stopping state with the best weights, and the
 * history so far. A checkpoint names the spec and data it belongs to and refuses any other.
 */
final class Checkpoints {

    private static final int MAGIC = 0x5459434b; // "TYCK"
    private static final int VERSION = 1;

    private final String fingerprint;
    private final Network network;
    private final Optimizer optimizer;
    private final List<Rng> streams;
    private final int[] order;
    private final DivergenceGuard guard;
    private final EarlyStopper stopper;
    private final Supplier<List<Tensor>> best;
    private final Supplier<List<Tensor>> allocateBest;

    Checkpoints(String fingerprint, Network network, Optimizer optimizer, List<Rng> streams, int[] order,
            DivergenceGuard guard, EarlyStopper stopper, Supplier<List<Tensor>> best,
            Supplier<List<Tensor>> allocateBest) {
        this.fingerprint = fingerprint;
        this.network = network;
        this.optimizer = optimizer;
        this.streams = streams;
        this.order = order;
        this.guard = guard;
        this.stopper = stopper;
        this.best = best;
        this.allocateBest = allocateBest;
    }

    record Restored(int nextEpoch, List<EpochMetrics> history) {
    }

    static String fingerprint(ModelSpec model, TrainingSpec spec, PreparedData data, Precision precision) {
        String identity = model + "|" + spec + "|" + data.task() + "|" + data.classes() + "|" + data.train().rows() + "x"
                + data.featureCount() + "|" + data.validation().rows() + "|" + precision;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(identity.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    byte[] write(int nextEpoch, List<EpochMetrics> history) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(fingerprint);
            out.writeInt(nextEpoch);
            writeTensors(out, network.parameters(), network.state());
            out.writeLong(optimizer.steps());
            writeTensors(out, null, optimizer.state());
            for (Rng stream : streams) {
                CheckpointIo.writeRng(out, stream);
            }
            CheckpointIo.writeInts(out, order);
            out.writeDouble(guard.firstLoss());
            out.writeBoolean(stopper != null);
            if (stopper != null) {
                stopper.write(out);
            }
            List<Tensor> snapshot = best.get();
            out.writeBoolean(snapshot != null);
            if (snapshot != null) {
                writeTensors(out, null, snapshot);
            }
            CheckpointIo.writeHistory(out, history);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    Restored read(byte[] checkpoint) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(checkpoint))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IllegalArgumentException("these bytes are not a Trainyard checkpoint of version " + VERSION);
            }
            if (!in.readUTF().equals(fingerprint)) {
                throw new IllegalArgumentException("the checkpoint belongs to another model, training spec or dataset");
            }
            int nextEpoch = in.readInt();
            readTensors(in, network.parameters(), network.state());
            optimizer.restoreSteps(in.readLong());
            readTensors(in, null, optimizer.state());
            for (Rng stream : streams) {
                CheckpointIo.readRng(in, stream);
            }
            CheckpointIo.readInts(in, order);
            guard.restoreFirstLoss(in.readDouble());
            if (in.readBoolean()) {
                stopper.read(in);
            }
            if (in.readBoolean()) {
                readTensors(in, null, allocateBest.get());
            }
            return new Restored(nextEpoch, CheckpointIo.readHistory(in));
        } catch (IOException e) {
            throw new IllegalArgumentException("the checkpoint is truncated or corrupt: " + e.getMessage(), e);
        }
    }

    private static void writeTensors(DataOutputStream out, Tensor first, List<Tensor> rest) throws IOException {
        if (first != null) {
            CheckpointIo.writeTensor(out, first);
        }
        out.writeInt(rest.size());
        for (Tensor tensor : rest) {
            CheckpointIo.writeTensor(out, tensor);
        }
    }

    private static void readTensors(DataInputStream in, Tensor first, List<Tensor> rest) throws IOException {
        if (first != null) {
            CheckpointIo.readTensor(in, first);
        }
        int count = in.readInt();
        if (count != rest.size()) {
            throw new IllegalArgumentException("the checkpoint holds " + count + " state tensors where " + rest.size()
                    + " are expected");
        }
        for (Tensor tensor : rest) {
            CheckpointIo.readTensor(in, tensor);
        }
    }
}
