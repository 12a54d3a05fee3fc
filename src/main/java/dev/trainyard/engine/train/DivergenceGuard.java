package dev.trainyard.engine.train;

/**
 * Stops a run that has blown up instead of letting it train on garbage: a loss or gradient norm
 * that is NaN or infinite, or a loss above {@value #EXPLOSION_FACTOR} times the first step's.
 */
final class DivergenceGuard {

    static final double EXPLOSION_FACTOR = 100;

    private double firstLoss = Double.NaN;

    double firstLoss() {
        return firstLoss;
    }

    void restoreFirstLoss(double loss) {
        firstLoss = loss;
    }

    /** The reason training must stop after this step, or null. */
    String check(double loss, double gradientNorm, int epoch, int step, double learningRate) {
        if (Double.isNaN(firstLoss) && Double.isFinite(loss)) {
            firstLoss = loss;
        }
        String what = null;
        if (!Double.isFinite(loss)) {
            what = "loss became " + (Double.isNaN(loss) ? "NaN" : "infinite");
        } else if (!Double.isFinite(gradientNorm)) {
            what = "the gradient norm became " + (Double.isNaN(gradientNorm) ? "NaN" : "infinite");
        } else if (loss > EXPLOSION_FACTOR * Math.max(firstLoss, 1e-3)) {
            what = String.format("loss exploded to %.4g (it started at %.4g)", loss, firstLoss);
        }
        if (what == null) {
            return null;
        }
        return what + " at epoch " + epoch + " step " + step + "; learning rate " + learningRate
                + " is likely too high: lower it (try 10x smaller), or set gradientClipNorm";
    }
}
