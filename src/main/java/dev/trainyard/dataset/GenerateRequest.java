package dev.trainyard.dataset;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.trainyard.engine.spec.Task;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A synthetic dataset to generate: the same kind, size, noise and seed always give the same rows. Sent to
 * {@code POST /api/v1/datasets/generate}, or inline in a job spec as {@code dataset.generate}.
 */
public record GenerateRequest(
        @Schema(description = "xor, circles, moons, spirals, blobs (classification); linear, sine (regression)",
                example = "spirals")
        @NotNull Kind kind,
        @Schema(defaultValue = "500") @Min(20) @Max(100_000) Integer samples,
        @Schema(description = "standard deviation of the gaussian noise", defaultValue = "0.1")
        @DecimalMin("0") @DecimalMax("5") Double noise,
        @Schema(defaultValue = "1") Long seed,
        @Schema(description = "number of blobs (kind blobs only)", defaultValue = "3") @Min(2) @Max(20) Integer classes,
        @Schema(description = "classification kinds only: class 0 gets this many times the rows of each other class "
                + "(every class keeps at least one row)", defaultValue = "1") @DecimalMin("1") @DecimalMax("1000")
        Double imbalance,
        @Schema(description = "defaults to a name made from the parameters") @Size(max = 200) String name) {

    public enum Kind {
        XOR, CIRCLES, MOONS, SPIRALS, BLOBS, LINEAR, SINE;

        Task task() {
            return this == LINEAR || this == SINE ? Task.REGRESSION : Task.CLASSIFICATION;
        }

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase();
        }
    }

    int samplesOrDefault() {
        return samples == null ? 500 : samples;
    }

    double noiseOrDefault() {
        return noise == null ? 0.1 : noise;
    }

    long seedOrDefault() {
        return seed == null ? 1 : seed;
    }

    double imbalanceOrDefault() {
        return imbalance == null ? 1 : imbalance;
    }

    /** Why this request cannot be generated beyond its fields' own limits, or null. */
    String imbalanceProblem() {
        return imbalanceOrDefault() != 1 && kind != null && kind.task() == Task.REGRESSION
                ? "applies to classification kinds only; " + kind + " is a regression kind" : null;
    }

    int classesOrDefault() {
        return classes == null ? 3 : classes;
    }

    String nameOrDefault() {
        return name != null && !name.isBlank() ? name.strip() : kind + (kind == Kind.BLOBS ? "-" + classesOrDefault() : "")
                + " (" + samplesOrDefault() + " samples, noise " + noiseOrDefault() + ", seed " + seedOrDefault()
                + (imbalanceOrDefault() != 1 ? ", imbalance " + imbalanceOrDefault() : "") + ")";
    }
}
