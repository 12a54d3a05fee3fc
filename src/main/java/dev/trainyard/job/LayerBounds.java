package dev.trainyard.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.trainyard.system.FieldProblem;

/**
 * Holds the layers of a spec, as sent, to {@link JobLimits#maxLayers()} in all (each residual block and every layer
 * inside one count) and residual blocks to {@link JobLimits#maxNesting()} inside one another, before any layer is
 * built. The walk never goes below the nesting limit, so a block nested a hundred deep costs no deeper recursion than
 * the limit allows, and it reports where the first layer past a limit is: the path to fix.
 */
final class LayerBounds {

    private final JobLimits limits;
    private int layers;
    private String firstTooMany;
    private String firstTooDeep;

    private LayerBounds(JobLimits limits) {
        this.limits = limits;
    }

    /** The problems of {@code layers} (at {@code path}) with the limits; none when they are within them. */
    static List<FieldProblem> check(List<JobSpec.LayerPart> layers, String path, JobLimits limits) {
        LayerBounds bounds = new LayerBounds(limits);
        bounds.walk(layers, path, 0);
        List<FieldProblem> problems = new ArrayList<>();
        if (bounds.firstTooDeep != null) {
            problems.add(new FieldProblem(bounds.firstTooDeep, "is a residual block inside " + limits.maxNesting()
                    + " others; blocks may nest at most " + limits.maxNesting() + " deep (trainyard.jobs.max-nesting). "
                    + "Put the blocks one after another instead"));
        }
        if (bounds.firstTooMany != null) {
            problems.add(new FieldProblem(bounds.firstTooMany, "is layer " + (limits.maxLayers() + 1) + " of a network "
                    + "with " + (bounds.firstTooDeep == null ? "" : "at least ") + bounds.layers + " layers, counting "
                    + "residual blocks and the layers inside them; at most " + limits.maxLayers() + " are allowed "
                    + "(trainyard.jobs.max-layers)"));
        }
        return problems;
    }

    /** Counts {@code parts}, whose residual blocks sit inside {@code nesting} others. */
    private void walk(List<JobSpec.LayerPart> parts, String path, int nesting) {
        for (int i = 0; i < parts.size(); i++) {
            JobSpec.LayerPart part = parts.get(i);
            String at = path + "[" + i + "]";
            if (++layers > limits.maxLayers() && firstTooMany == null) {
                firstTooMany = at;
            }
            if (part == null || part.layers() == null || !isResidual(part)) {
                continue;
            }
            if (nesting == limits.maxNesting()) {
                firstTooDeep = firstTooDeep == null ? at : firstTooDeep;
            } else {
                walk(part.layers(), at + ".layers", nesting + 1);
            }
        }
    }

    private static boolean isResidual(JobSpec.LayerPart part) {
        return part.type() != null && part.type().strip().toLowerCase(Locale.ROOT).equals("residual");
    }
}
