package dev.trainyard.engine.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import dev.trainyard.engine.spec.EarlyStopping;

/**
 * Tracks the monitored metric: an epoch improves on the best so far when it is lower by more than
 * minDelta (higher, for accuracy and R^2); training stops after {@code patience} epochs in a row
 * without improvement.
 */
final class EarlyStopper {

    private final EarlyStopping spec;
    private double best = Double.NaN;
    private int bestEpoch = -1;
    private int epochsWithoutImprovement;

    EarlyStopper(EarlyStopping spec) {
        this.spec = spec;
    }

    /** Records an epoch's value; returns whether it is the new best. */
    boolean record(int epoch, double value) {
        boolean improved = bestEpoch < 0 || (spec.maximize() ? value > best + spec.minDelta()
                : value < best - spec.minDelta());
        if (improved) {
            best = value;
            bestEpoch = epoch;
            epochsWithoutImprovement = 0;
        } else {
            epochsWithoutImprovement++;
        }
        return improved;
    }

    boolean shouldStop() {
        return epochsWithoutImprovement >= spec.patience();
    }

    int bestEpoch() {
        return bestEpoch;
    }

    double best() {
        return best;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeDouble(best);
        out.writeInt(bestEpoch);
        out.writeInt(epochsWithoutImprovement);
    }

    void read(DataInputStream in) throws IOException {
        best = in.readDouble();
        bestEpoch = in.readInt();
        epochsWithoutImprovement = in.readInt();
    }

    String monitor() {
        return spec.monitor();
    }

    boolean restoreBestWeights() {
        return spec.restoreBestWeights();
    }
}
