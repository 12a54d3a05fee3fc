package dev.trainyard.sweep;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a running trial is unpromising, from its objective curve and the other trials' curves. Each
 * decision is a pure function of the curves, so any node reaches the same one.
 */
sealed interface Pruner {

    /** Why to stop the trial, or null to let it go on. */
    String verdict(Curve trial, List<Curve> others, boolean maximize);

    /** One trial's objective by epoch, with when each epoch was written, and whether the trial has ended. */
    record Curve(String jobId, boolean ended, double[] values, long[] writtenAt) {

        int epochs() {
            return values.length;
        }

        /** The best objective over epochs 0..epoch. */
        double bestSoFar(int epoch, boolean maximize) {
            double best = values[0];
            for (int i = 1; i <= epoch; i++) {
                best = maximize ? Math.max(best, values[i]) : Math.min(best, values[i]);
            }
            return best;
        }
    }

    /** Never prunes. */
    record None() implements Pruner {

        @Override
        public String verdict(Curve trial, List<Curve> others, boolean maximize) {
            return null;
        }
    }

    /**
     * The median stopping rule: after {@code minEpochs}, stop a trial whose best objective so far is worse than the
     * median of the ended trials' best objectives at the same epoch, once {@code minTrials} ended trials got there.
     */
    record MedianStopping(int minTrials, int minEpochs) implements Pruner {

        @Override
        public String verdict(Curve trial, List<Curve> others, boolean maximize) {
            int epoch = trial.epochs() - 1;
            if (trial.epochs() < minEpochs) {
                return null;
            }
            double[] peers = others.stream().filter(other -> other.ended() && other.epochs() > epoch)
                    .mapToDouble(other -> other.bestSoFar(epoch, maximize)).sorted().toArray();
            if (peers.length < minTrials) {
                return null;
            }
            double median = peers.length % 2 == 1 ? peers[peers.length / 2]
                    : (peers[peers.length / 2 - 1] + peers[peers.length / 2]) / 2;
            double best = trial.bestSoFar(epoch, maximize);
            boolean worse = maximize ? best < median : best > median;
            return worse ? String.format(Locale.ROOT, "median stopping rule: best objective %.4g by epoch %d is worse "
                    + "than the median %.4g of %d ended trials there", best, epoch + 1, median, peers.length) : null;
        }
    }

    /**
     * Asynchronous successive halving (ASHA): rungs at {@code minEpochs * factor^k} epochs. A trial reaching a rung
     * goes on only if its best objective so far ranks in the top max(1, n / factor) of the n trials that reached that
     * rung no later than it did; otherwise it stops there.
     */
    record SuccessiveHalving(int minEpochs, int factor) implements Pruner {

        @Override
        public String verdict(Curve trial, List<Curve> others, boolean maximize) {
            for (long rung = minEpochs; rung <= trial.epochs(); rung *= factor) {
                String verdict = atRung((int) rung, trial, others, maximize);
                if (verdict != null) {
                    return verdict;
                }
            }
            return null;
        }

        private String atRung(int rung, Curve trial, List<Curve> others, boolean maximize) {
            int at = rung - 1;
            long reached = trial.writtenAt()[at];
            Comparator<Double> better = maximize ? Comparator.reverseOrder() : Comparator.naturalOrder();
            Double[] field = others.stream().filter(other -> other.epochs() >= rung && other.writtenAt()[at] <= reached)
                    .map(other -> other.bestSoFar(at, maximize)).toArray(Double[]::new);
            double mine = trial.bestSoFar(at, maximize);
            long ahead = Arrays.stream(field).filter(value -> better.compare(value, mine) < 0).count();
            int n = field.length + 1;
            int promoted = Math.max(1, n / factor);
            return ahead < promoted ? null : String.format(Locale.ROOT, "successive halving: at the %d-epoch rung its "
                    + "best objective %.4g ranks %d of %d; only the top %d go on", rung, mine, ahead + 1, n, promoted);
        }
    }
}
