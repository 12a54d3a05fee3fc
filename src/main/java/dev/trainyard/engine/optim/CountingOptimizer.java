package dev.trainyard.engine.optim;

/** Keeps the step count every optimizer reports and a checkpoint restores. */
abstract class CountingOptimizer implements Optimizer {

    /** Steps taken so far (t in the update rules). */
    protected long steps;

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public void restoreSteps(long steps) {
        this.steps = steps;
    }
}
