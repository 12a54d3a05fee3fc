package dev.trainyard.engine.data;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.trainyard.engine.spec.SplitSpec;
import dev.trainyard.engine.tensor.Precision;
import dev.trainyard.engine.tensor.Tensor;

/** What the data is at fault for is an InvalidDataException naming the fault; a bug of the engine's never is. */
class InvalidDataTest {

    @Test
    void valuesThatAreNotFiniteAreNamedByRowAndFeature() {
        assertThatThrownBy(() -> new LabeledData(new double[] {1, 2, 3, Double.POSITIVE_INFINITY}, 2, List.of("a", "b"),
                null, 1, null, List.of("height", "weight"))).isInstanceOf(InvalidDataException.class)
                .hasMessage("row 2 has Infinity as its feature 'weight'; training needs finite numbers");
        assertThatThrownBy(() -> LabeledData.regression(new double[] {1, 2}, 1, new double[] {0, Double.NEGATIVE_INFINITY}))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("row 2 has -Infinity as its target");
    }

    @Test
    void aMissingFeatureIsRefusedByTheDefaultStrategyNamingItsFeature() {
        LabeledData data = new LabeledData(new double[] {1, Double.NaN, 3, 4, 5, Double.NaN}, 2, List.of("a", "b", "a"),
                null, 1, null, List.of("height", "weight"));
        assertThatThrownBy(() -> Preparation.prepare(data, new SplitSpec(0, 0, false, 1)))
                .isInstanceOf(InvalidDataException.class).hasMessage("features have missing values: 'weight' (2); "
                        + "set dataset.missing.strategy to drop_rows or impute");
    }

    @Test
    void rowsOfTheWrongWidthOrCountAreTheDatasFault() {
        assertThatThrownBy(() -> LabeledData.classification(new double[] {1, 2, 3}, 2, List.of("a", "b")))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("rows x 2 values, were 3");
        assertThatThrownBy(() -> LabeledData.classification(new double[] {1, 2}, 1, List.of("a")))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("2 rows need 2 labels");
    }

    @Test
    void tooFewClassesOrTrainingRowsOrAMismatchedImageShapeAreTheDatasFault() {
        LabeledData oneClass = LabeledData.classification(new double[] {1, 2, 3, 4}, 1, List.of("a", "a", "a", "a"));
        assertThatThrownBy(() -> Preparation.prepare(oneClass, new SplitSpec(0, 0, false, 1)))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("at least 2 classes");
        LabeledData twoRows = LabeledData.classification(new double[] {1, 2}, 1, List.of("a", "b"));
        assertThatThrownBy(() -> Preparation.prepare(twoRows, new SplitSpec(0.5, 0.3, false, 1)))
                .isInstanceOf(InvalidDataException.class).hasMessage("the training split needs at least one row");
        LabeledData notImages = new LabeledData(new double[] {1, 2, 3, 4}, 2, List.of("a", "b"), null, 1,
                new ImageShape(1, 1, 1), null);
        assertThatThrownBy(() -> Preparation.prepare(notImages, new SplitSpec(0, 0, false, 1)))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("needs 1 features per row");
    }

    @Test
    void aShapeBugIsNoDataFault() {
        Tensor two = Tensor.zeros(Precision.FLOAT, 1, 2);
        assertThatThrownBy(() -> two.copyFrom(Tensor.zeros(Precision.FLOAT, 2, 1)))
                .isInstanceOf(IllegalArgumentException.class).isNotInstanceOf(InvalidDataException.class);
    }
}
