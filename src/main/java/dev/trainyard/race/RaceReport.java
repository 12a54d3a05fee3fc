package dev.trainyard.race;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import dev.trainyard.job.JobSubmissions;
import dev.trainyard.sweep.SweepResponse;

/**
 * Builds a race's report from its sweep's trials: each trial's epochs to the target and final objective as the sweep
 * computes them from the stored metrics, and its final val_loss from its own history.
 */
final class RaceReport {

    private static final String SUCCEEDED = "succeeded";
    private static final String VAL_LOSS = "val_loss";

    private RaceReport() {
    }

    /** The report of {@code sweep}; without its trials (a list), the optimizers without statistics. */
    static RaceResponse of(SweepResponse sweep, RacePlan plan, JobSubmissions jobs) {
        List<List<RaceResponse.Run>> runs = new ArrayList<>();
        plan.optimizers().forEach(optimizer -> runs.add(new ArrayList<>()));
        if (sweep.trials() != null) {
            for (SweepResponse.TrialRow trial : sweep.trials()) {
                runs.get(plan.optimizerOf(trial.index())).add(run(trial, plan, jobs));
            }
        }
        List<RaceResponse.Contestant> optimizers = new ArrayList<>();
        for (int i = 0; i < plan.optimizers().size(); i++) {
            RacePlan.Contender contender = plan.optimizers().get(i);
            boolean baseline = i == plan.baseline();
            if (sweep.trials() == null) {
                optimizers.add(new RaceResponse.Contestant(contender.label(), contender.optimizer(), baseline, null,
                        null, null, null, null));
                continue;
            }
            List<RaceResponse.Run> mine = runs.get(i);
            List<RaceResponse.Run> base = runs.get(plan.baseline());
            boolean objective = !plan.metric().equals(VAL_LOSS);
            optimizers.add(new RaceResponse.Contestant(contender.label(), contender.optimizer(), baseline,
                    plan.target() == null ? null : spread(mine, epochs()), spread(mine, RaceResponse.Run::finalValLoss),
                    objective ? spread(mine, RaceResponse.Run::finalObjective) : null,
                    baseline ? null : comparison(plan, contender.label(), mine, base, objective), mine));
        }
        return new RaceResponse(sweep.id(), sweep.name(), sweep.status(), sweep.stopReason(), plan.metric(),
                plan.maximize() ? "maximize" : "minimize", plan.target(), plan.seeds(),
                plan.optimizers().get(plan.baseline()).label(), sweep.counts(), optimizers, sweep.createdAt(),
                sweep.finishedAt());
    }

    private static RaceResponse.Run run(SweepResponse.TrialRow trial, RacePlan plan, JobSubmissions jobs) {
        long seed = plan.seedOf(trial.index());
        if (!trial.status().equals(SUCCEEDED)) {
            return new RaceResponse.Run(seed, trial.jobId(), trial.status(), null, null, null);
        }
        double[] losses = plan.metric().equals(VAL_LOSS) ? null : jobs.history(trial.jobId(), VAL_LOSS).values();
        Double valLoss = losses == null ? trial.finalObjective() : losses.length == 0 ? null : losses[losses.length - 1];
        return new RaceResponse.Run(seed, trial.jobId(), trial.status(), trial.epochsToTarget(), valLoss,
                trial.finalObjective());
    }

    private static Function<RaceResponse.Run, Double> epochs() {
        return run -> run.epochsToTarget() == null ? null : run.epochsToTarget().doubleValue();
    }

    private static RaceResponse.Spread spread(List<RaceResponse.Run> runs, Function<RaceResponse.Run, Double> measure) {
        RaceStatistics.Summary summary = RaceStatistics.summary(runs.stream().map(measure)
                .filter(value -> value != null).mapToDouble(Double::doubleValue).toArray());
        return summary == null ? null : new RaceResponse.Spread(summary.n(), summary.mean(), summary.sd(), summary.min(),
                summary.max());
    }

    private static RaceResponse.Comparison comparison(RacePlan plan, String label, List<RaceResponse.Run> mine,
            List<RaceResponse.Run> base, boolean objective) {
        RaceResponse.Difference epochs = plan.target() == null ? null : difference(mine, base, epochs());
        RaceResponse.Difference losses = difference(mine, base, RaceResponse.Run::finalValLoss);
        RaceResponse.Difference finals = objective ? difference(mine, base, RaceResponse.Run::finalObjective) : null;
        String measure = plan.target() == null ? "final val_loss" : "epochs to " + plan.metric() + " "
                + (plan.maximize() ? ">= " : "<= ") + plan.target();
        String baseline = plan.optimizers().get(plan.baseline()).label();
        return new RaceResponse.Comparison(epochs, losses, finals, verdict(label, baseline, measure,
                plan.target() == null ? losses : epochs));
    }

    /** The pairs of seeds both optimizers have a value for, and their paired test. */
    private static RaceResponse.Difference difference(List<RaceResponse.Run> mine, List<RaceResponse.Run> base,
            Function<RaceResponse.Run, Double> measure) {
        List<Long> seeds = new ArrayList<>();
        List<double[]> pairs = new ArrayList<>();
        for (RaceResponse.Run run : mine) {
            Double value = measure.apply(run);
            Double other = base.stream().filter(b -> b.seed() == run.seed()).findFirst().map(measure).orElse(null);
            if (value != null && other != null) {
                seeds.add(run.seed());
                pairs.add(new double[] {value, other});
            }
        }
        RaceStatistics.Paired test = RaceStatistics.paired(pairs.stream().mapToDouble(pair -> pair[0]).toArray(),
                pairs.stream().mapToDouble(pair -> pair[1]).toArray());
        return test == null ? null : new RaceResponse.Difference(test.n(), seeds,
                Arrays.stream(test.differences()).boxed().toList(), test.meanDifference(), test.sd(), test.ciLow(),
                test.ciHigh(), test.t(), test.degreesOfFreedom(), test.pValue());
    }

    private static String verdict(String label, String baseline, String measure, RaceResponse.Difference difference) {
        if (difference == null) {
            return "no seed on which both " + label + " and " + baseline + " have " + measure + " yet";
        }
        String mean = label + " minus " + baseline + ", " + measure + ": " + number(difference.meanDifference())
                + " on average over " + difference.n() + (difference.n() == 1 ? " seed" : " seeds");
        if (difference.pValue() == null) {
            return mean + (difference.n() < 2 ? "; a paired test needs two seeds" : ", the same on every seed; no "
                    + "spread to test");
        }
        return mean + " (95% CI " + number(difference.ciLow()) + " to " + number(difference.ciHigh()) + ", p = "
                + number(difference.pValue()) + "): " + (difference.pValue() < 0.05 ? "a difference at the 5% level"
                : "no difference shown at the 5% level");
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.3g", value);
    }
}
