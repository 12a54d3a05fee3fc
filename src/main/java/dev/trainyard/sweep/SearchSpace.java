package dev.trainyard.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import dev.trainyard.system.FieldProblem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.DoubleNode;
import tools.jackson.databind.node.IntNode;

/**
 * The parameters a sweep varies and the values each may take. A grid is the Cartesian product of the candidates,
 * enumerated like nested loops with the last parameter innermost, so trial {@code i} is a pure function of {@code i}.
 * Random search draws every parameter independently: uniform over candidates, uniform on a linear range, uniform in
 * the logarithm on a log range (each decade as likely as the next), uniform over the integers of an integer range;
 * trial {@code i} of a seed is always the same draw.
 */
final class SearchSpace {

    /** The width of job_param.name, where every hyperparameter of a trial is stored by its path. */
    static final int MAX_PATH = 300;

    enum Scale {
        LINEAR, LOG, INTEGER
    }

    /** One parameter: a path into the spec and either explicit candidates or a range on a scale. */
    record Dimension(String path, List<JsonNode> values, double min, double max, Scale scale, int count) {

        boolean isRange() {
            return values == null;
        }

        /** Candidates of a grid: the values, or {@code count} points evenly spaced on the range's scale. */
        int size() {
            return isRange() ? count : values.size();
        }

        JsonNode at(int index) {
            if (!isRange()) {
                return values.get(index);
            }
            double fraction = count == 1 ? 0 : (double) index / (count - 1);
            return value(scale == Scale.LOG ? Math.exp(Math.log(min) + fraction * (Math.log(max) - Math.log(min)))
                    : min + fraction * (max - min));
        }

        JsonNode draw(SplittableRandom random) {
            if (!isRange()) {
                return values.get(random.nextInt(values.size()));
            }
            return switch (scale) {
                case LINEAR -> value(min + random.nextDouble() * (max - min));
                case LOG -> value(Math.exp(Math.log(min) + random.nextDouble() * (Math.log(max) - Math.log(min))));
                case INTEGER -> IntNode.valueOf((int) Math.ceil(min) + random.nextInt((int) Math.floor(max)
                        - (int) Math.ceil(min) + 1));
            };
        }

        private JsonNode value(double x) {
            return scale == Scale.INTEGER ? IntNode.valueOf((int) Math.round(x)) : DoubleNode.valueOf(x);
        }
    }

    private final List<Dimension> dimensions;

    private SearchSpace(List<Dimension> dimensions) {
        this.dimensions = List.copyOf(dimensions);
    }

    List<Dimension> dimensions() {
        return dimensions;
    }

    /**
     * Reads and checks the requested parameters; every problem is added to {@code problems} under
     * {@code parameters[i]}, and the space is only usable when none was found.
     */
    static SearchSpace of(List<SweepRequest.Parameter> parameters, boolean grid, List<FieldProblem> problems) {
        List<Dimension> dimensions = new ArrayList<>();
        if (parameters == null || parameters.isEmpty()) {
            problems.add(new FieldProblem("parameters", "is required: at least one parameter to vary"));
            return new SearchSpace(dimensions);
        }
        for (int i = 0; i < parameters.size(); i++) {
            Dimension dimension = dimension(parameters.get(i), grid, "parameters[" + i + "]", problems);
            if (dimension != null) {
                if (dimensions.stream().anyMatch(known -> known.path().equals(dimension.path()))) {
                    problems.add(new FieldProblem("parameters[" + i + "].path", "'" + dimension.path()
                            + "' is varied twice"));
                }
                dimensions.add(dimension);
            }
        }
        return new SearchSpace(dimensions);
    }

    private static Dimension dimension(SweepRequest.Parameter p, boolean grid, String at, List<FieldProblem> problems) {
        int before = problems.size();
        if (p == null || p.path() == null || p.path().isBlank()) {
            problems.add(new FieldProblem(at + ".path", "is required, e.g. training.optimizer.learningRate"));
            return null;
        }
        if (p.path().length() > MAX_PATH) {
            problems.add(new FieldProblem(at + ".path", "must be at most " + MAX_PATH + " characters, as long as a "
                    + "job's parameter name may be; had " + p.path().length()));
            return null;
        }
        Scale scale = scale(p.scale(), at, problems);
        boolean hasValues = p.values() != null;
        boolean hasRange = p.min() != null || p.max() != null;
        if (hasValues == hasRange) {
            problems.add(new FieldProblem(at, "give either 'values' or a range ('min' and 'max'), not "
                    + (hasValues ? "both" : "neither")));
        } else if (hasValues && p.values().isEmpty()) {
            problems.add(new FieldProblem(at + ".values", "needs at least one value"));
        } else if (hasRange) {
            checkRange(p, scale, grid, at, problems);
        }
        if (problems.size() > before) {
            return null;
        }
        return hasValues ? new Dimension(p.path().strip(), List.copyOf(p.values()), 0, 0, Scale.LINEAR, 0)
                : new Dimension(p.path().strip(), null, p.min(), p.max(), scale, p.count() == null ? 0 : p.count());
    }

    private static void checkRange(SweepRequest.Parameter p, Scale scale, boolean grid, String at,
            List<FieldProblem> problems) {
        if (p.min() == null || p.max() == null || !(p.min() <= p.max())) {
            problems.add(new FieldProblem(at, "a range needs min <= max, was min " + p.min() + ", max " + p.max()));
        } else if (scale == Scale.LOG && p.min() <= 0) {
            problems.add(new FieldProblem(at + ".min", "a log range needs bounds > 0, was " + p.min()));
        } else if (scale == Scale.INTEGER && Math.ceil(p.min()) > Math.floor(p.max())) {
            problems.add(new FieldProblem(at, "an integer range needs an integer between min and max"));
        }
        if (grid && p.count() == null) {
            problems.add(new FieldProblem(at + ".count", "a range in a grid needs 'count', the number of points "
                    + "to try (or use 'values', or algorithm random)"));
        } else if (p.count() != null && p.count() < 1) {
            problems.add(new FieldProblem(at + ".count", "must be >= 1, was " + p.count()));
        }
    }

    private static Scale scale(String scale, String at, List<FieldProblem> problems) {
        if (scale == null || scale.isBlank()) {
            return Scale.LINEAR;
        }
        try {
            return Scale.valueOf(scale.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            problems.add(new FieldProblem(at + ".scale", "must be linear, log or integer, was '" + scale + "'"));
            return Scale.LINEAR;
        }
    }

    /** The number of grid combinations (the product of the candidate counts), saturating at Long.MAX_VALUE. */
    long gridSize() {
        long size = 1;
        for (Dimension dimension : dimensions) {
            try {
                size = Math.multiplyExact(size, dimension.size());
            } catch (ArithmeticException huge) {
                return Long.MAX_VALUE;
            }
        }
        return size;
    }

    /** Grid combination {@code index} (0-based): the last parameter changes fastest. */
    Map<String, JsonNode> grid(long index) {
        Map<String, JsonNode> trial = new LinkedHashMap<>();
        long rest = index;
        int[] digits = new int[dimensions.size()];
        for (int d = dimensions.size() - 1; d >= 0; d--) {
            digits[d] = (int) (rest % dimensions.get(d).size());
            rest /= dimensions.get(d).size();
        }
        for (int d = 0; d < dimensions.size(); d++) {
            trial.put(dimensions.get(d).path(), dimensions.get(d).at(digits[d]));
        }
        return trial;
    }

    /** Random trial {@code index} of the search with this seed. */
    Map<String, JsonNode> random(long seed, long index) {
        SplittableRandom random = new SplittableRandom(seed).split();
        for (long skip = 0; skip < index; skip++) {
            random = random.split();
        }
        Map<String, JsonNode> trial = new LinkedHashMap<>();
        SplittableRandom draws = random.split();
        dimensions.forEach(dimension -> trial.put(dimension.path(), dimension.draw(draws)));
        return trial;
    }
}
