package dev.trainyard.analysis;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.trainyard.engine.diagnose.HessianSpectrum;
import dev.trainyard.engine.diagnose.LossLandscape;
import dev.trainyard.engine.diagnose.TrainedHessian;

/** An analysis request's options with their defaults, and its result as the API shows it. */
final class HessianRun {

    private HessianRun() {
    }

    static HessianSpectrum.Options options(AnalysisRequest r) {
        HessianSpectrum.Options d = HessianSpectrum.Options.DEFAULT;
        return new HessianSpectrum.Options(or(r.topK(), d.topK()), or(r.bottomK(), d.bottomK()), or(r.steps(), d.steps()),
                or(r.traceSamples(), d.traceSamples()), or(r.densityRuns(), d.densityRuns()), d.densityPoints(),
                d.tolerance(), d.flatBelow());
    }

    static int samples(AnalysisRequest r) {
        return or(r.samples(), 1000);
    }

    static long seed(AnalysisRequest r) {
        return r.seed() == null ? 1 : r.seed();
    }

    static Map<String, Object> view(TrainedHessian.Report report) {
        HessianSpectrum.Result result = report.spectrum();
        double largest = result.top().length == 0 ? 0 : result.top()[0];
        double smallest = result.bottom().length == 0 ? 0 : result.bottom()[0];
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("verdict", result.verdict());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("largestEigenvalue", largest);
        evidence.put("smallestEigenvalue", smallest);
        evidence.put("smallestOverLargest", largest == 0 ? null : smallest / largest);
        evidence.put("tolerance", report.options().tolerance());
        evidence.put("flatBelow", report.options().flatBelow());
        evidence.put("loss", report.loss());
        evidence.put("gradientNorm", report.gradientNorm());
        out.put("evidence", evidence);
        out.put("topEigenvalues", result.top());
        out.put("bottomEigenvalues", result.bottom());
        out.put("trace", result.trace());
        out.put("traceStandardError", result.traceStandardError());
        out.put("conditionNumber", result.conditionNumber());
        out.put("sharpness", result.sharpness());
        out.put("edgeOfStability", result.edgeOfStability());
        out.put("sharpnessOverEdge", result.sharpness() / result.edgeOfStability());
        out.put("density", Map.of("eigenvalue", result.densityAt(), "density", result.density()));
        out.put("parameters", result.parameters());
        out.put("samples", report.samples());
        out.put("hessianVectorProducts", result.hessianVectorProducts());
        out.put("seconds", report.seconds());
        return out;
    }

    /** A landscape's curves and grid, as the API shows them. */
    static Map<String, Object> view(LossLandscape.Result result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("center", result.center());
        out.put("topEigenvalue", result.topEigenvalue());
        out.put("steps", result.steps());
        out.put("alongTopEigenvector", result.alongEigenvector());
        out.put("alongRandomDirection", result.alongRandom());
        out.put("grid", Map.of("steps", result.gridSteps(), "loss", result.grid()));
        return out;
    }

    static int points(AnalysisRequest r) {
        return or(r.points(), 41);
    }

    static int grid(AnalysisRequest r) {
        return or(r.grid(), 21);
    }

    static double span(AnalysisRequest r) {
        return r.span() == null ? 1 : r.span();
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
