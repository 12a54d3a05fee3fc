package dev.trainyard.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.trainyard.engine.spec.EarlyStopping;

class EarlyStopperTest {

    /** Feeds values epoch by epoch; returns the epoch (1-based count) at which it says stop, or -1. */
    private static int stopsAfter(EarlyStopping spec, double... values) {
        EarlyStopper stopper = new EarlyStopper(spec);
        for (int epoch = 0; epoch < values.length; epoch++) {
            stopper.record(epoch, values[epoch]);
            if (stopper.shouldStop()) {
                return epoch + 1;
            }
        }
        return -1;
    }

    @Test
    void lossTable() {
        EarlyStopping patience2 = new EarlyStopping("val_loss", 2, 0, true);
        // best 0.8 at epoch 2; epochs 3 and 4 do not improve -> stop after 4
        assertThat(stopsAfter(patience2, 1.0, 0.9, 0.8, 0.85, 0.8)).isEqualTo(5);
        // steady improvement never stops
        assertThat(stopsAfter(patience2, 1.0, 0.9, 0.8, 0.7, 0.6)).isEqualTo(-1);
        // an improvement resets the count
        assertThat(stopsAfter(patience2, 1.0, 1.1, 0.9, 1.0, 1.0)).isEqualTo(5);
    }

    @Test
    void minDeltaDemandsARealImprovement() {
        EarlyStopping spec = new EarlyStopping("val_loss", 2, 0.05, false);
        // 0.97 and 0.96 improve on 1.0 by less than 0.05: no improvement, stop after epoch 3
        assertThat(stopsAfter(spec, 1.0, 0.97, 0.96)).isEqualTo(3);
        // 0.94 improves by 0.06: counts
        assertThat(stopsAfter(spec, 1.0, 0.94, 0.93)).isEqualTo(-1);
    }

    @Test
    void accuracyImprovesUpwards() {
        EarlyStopping spec = new EarlyStopping("val_accuracy", 1, 0, true);
        EarlyStopper stopper = new EarlyStopper(spec);
        assertThat(stopper.record(0, 0.5)).isTrue();
        assertThat(stopper.record(1, 0.7)).isTrue();
        assertThat(stopper.record(2, 0.6)).isFalse();
        assertThat(stopper.shouldStop()).isTrue();
        assertThat(stopper.bestEpoch()).isEqualTo(1);
        assertThat(stopper.best()).isEqualTo(0.7);
    }
}
