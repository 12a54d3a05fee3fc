package dev.trainyard.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import dev.trainyard.engine.spec.Task;
import dev.trainyard.system.ProblemType;

class CsvProfilingTest {

    private static final DatasetLimits LIMITS = TestLimits.with("max-bytes", "1000000", "max-rows", "1000",
            "max-columns", "10", "min-rows", "3");

    private static String rows(int n) {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < n; i++) {
            csv.append(i).append(',').append(i * 2).append(',').append(i % 2 == 0 ? "even" : "odd").append('\n');
        }
        return csv.toString();
    }

    @Test
    void readsQuotesCrlfBomWhitespaceScientificNotationAndTrailingNewlines() {
        String csv = "\uFEFF\"a, first\",b,\"the \"\"label\"\"\"\r\n"
                + "  1.5 ,2e-3,\"x,\r\ny\"\r\n"
                + "-3,4E2,plain\r\n"
                + "\r\n"
                + "7,,plain\r\n\r\n";
        DatasetSchema schema = profile(csv.getBytes(StandardCharsets.UTF_8), null, null);

        assertThat(schema.rows()).isEqualTo(3);
        assertThat(schema.target()).isEqualTo("the \"label\"");
        assertThat(schema.columnStats().get(0).name()).isEqualTo("a, first");
        assertThat(schema.columnStats().get(0).min()).isEqualTo(-3);
        assertThat(schema.columnStats().get(0).max()).isEqualTo(7);
        assertThat(schema.columnStats().get(0).mean()).isCloseTo((1.5 - 3 + 7) / 3, within(1e-12));
        assertThat(schema.columnStats().get(1).missing()).isEqualTo(1);
        assertThat(schema.columnStats().get(1).max()).isEqualTo(400);
        assertThat(schema.classBalance()).containsEntry("x,\r\ny", 1L).containsEntry("plain", 2L);
        assertThat(schema.task()).isEqualTo(Task.CLASSIFICATION);
    }

    @Test
    void missingCellsAreCountedPerColumnAndAnEmptyTargetNamesItsLine() {
        String csv = "a,b,c,label\n1,,x,p\n,,y,q\n3,4,,p\n4,5,x,q\n";
        DatasetSchema schema = profileCategorical(csv, Set.of("c"), LIMITS);
        assertThat(schema.columnStats()).extracting(DatasetSchema.Column::missing).containsExactly(1L, 2L, 1L, 0L);
        assertThat(schema.missingNumericFeatures()).as("numeric features only, in column order")
                .containsExactly(Map.entry("a", 1L), Map.entry("b", 2L));
        assertThat(schema.columnStats().get(1).mean()).isEqualTo(4.5);
        assertThatThrownBy(() -> profile("a,label\n1,p\n2,\n3,q\n", null, null))
                .isInstanceOf(DatasetException.class)
                .hasMessage("The target column 'label' is empty on line 3. Every row needs a target.");
    }

    @Test
    void gzipIsRecognisedByItsMagicBytes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(("x,y,label\n" + rows(50)).getBytes(StandardCharsets.UTF_8));
        }
        DatasetSchema schema = profile(bytes.toByteArray(), null, null);
        assertThat(schema.rows()).isEqualTo(50);
        assertThat(schema.classBalance()).containsEntry("even", 25L).containsEntry("odd", 25L);
    }

    @Test
    void theTaskIsInferredOrTaken() {
        String numbers = "x,y\n" + "1,0.5\n2,1.5\n3,2.25\n4,3.125\n";
        assertThat(profile(numbers, null, null).task()).isEqualTo(Task.REGRESSION);
        assertThat(profile("x,y\n1,0\n2,1\n3,0\n4,1\n", null, null).task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(profile("x,y\n1,0\n2,1\n3,0\n4,1\n", null, Task.REGRESSION).task()).isEqualTo(Task.REGRESSION);
        assertThat(profile("y,x\n1,0\n2,1\n3,0\n4,1\n", "y", null).target()).isEqualTo("y");
    }

    @Test
    void badInputIsExplained() {
        assertFault("", "The file is empty");
        assertFault("a,b\n", "no data rows");
        assertFault("a,b,c\n1,2,x\n3,4\n5,6,y\n", "Line 3 has 2 fields but the header has 3");
        assertFault("a,b,c\n1,2,x\n3,four,y\n5,6,y\n", "Column 'b' holds 'four' on line 3, which is not a number");
        assertFault("a,b,c\n1,2,x\n3,4,x\n5,6,x\n", "has a single class (x)");
        assertFault("a,b,c\n1,2,x\n3,4,y\n", "2 data rows; at least 3");
        assertFault("a,a,c\n1,2,x\n", "names column 'a' twice");
        assertFault("a;b;c\n1;2;x\n", "needs at least one feature and a target");
        assertFault("a,b,c\n1,2,\"x\n", "never closed");
        assertThatThrownBy(() -> profile("a,b,c\n1,2,x\n3,4,y\n5,6,x\n", "label", null))
                .hasMessageContaining("The target column 'label' is not in the header. The columns are: a, b, c.");
        assertThatThrownBy(() -> profile("a,b,c\n1,2,x\n3,4,y\n5,6,x\n", null, Task.REGRESSION))
                .hasMessageContaining("needs a numeric target");
        byte[] latin1 = "a,b,c\n1,2,caf\u00e9\n3,4,x\n5,6,x\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> profile(latin1, null, null)).hasMessageContaining("not valid UTF-8");
    }

    @Test
    void declaredCategoricalFeaturesHoldTextAndCountTheirCategories() throws IOException {
        String csv = "size,color,label\n1,red,a\n2,blue,b\n3,red,a\n4,,b\n";
        DatasetProfiler profiler = new DatasetProfiler(null, null, Set.of("color"), LIMITS);
        CsvReader.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), LIMITS, profiler);
        DatasetSchema.Column color = profiler.schema().columnStats().get(1);
        assertThat(color.type()).isEqualTo("categorical");
        assertThat(color.categories()).isEqualTo(2);
        assertThat(color.missing()).isEqualTo(1);
        assertThat(color.mean()).isNull();

        DatasetProfiler targetAsCategory = new DatasetProfiler(null, null, Set.of("label"), LIMITS);
        assertThatThrownBy(() -> CsvReader.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                LIMITS, targetAsCategory)).hasMessageContaining("is the target");
        DatasetProfiler unknown = new DatasetProfiler(null, null, Set.of("shade"), LIMITS);
        assertThatThrownBy(() -> CsvReader.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                LIMITS, unknown)).hasMessageContaining("The categorical column 'shade' is not in the header");
        assertFault(csv, "Column 'color' holds 'red' on line 2, which is not a number");
    }

    @Test
    void theSchemaCountsTheInputsTheCollectorEncodes() throws IOException {
        String csv = "size,color,label,shape\n1,red,a,round\n2,blue,b,\n3,red,a,square\n4,,b,round\n5,green,a,oval\n";
        Set<String> categorical = Set.of("color", "shape");
        DatasetProfiler profiler = new DatasetProfiler("label", null, categorical, LIMITS);
        CsvReader.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), LIMITS, profiler);
        LabeledDataCollector collector = new LabeledDataCollector("label", Task.CLASSIFICATION, categorical, null);
        CsvReader.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), LIMITS, collector);

        // size, then blue/green/red, then oval/round/square; the target and the empty cells add nothing
        assertThat(profiler.schema().inputs()).isEqualTo(7);
        assertThat(collector.data().featureCount()).isEqualTo(7);
        assertThat(profile("a,b,label\n1,2,x\n3,4,y\n5,6,x\n", "label", null).inputs()).isEqualTo(2);
    }

    @Test
    void limitsAreEnforcedWithTheirOwnKind() {
        DatasetLimits tight = TestLimits.with("max-bytes", "200", "max-rows", "5", "max-columns", "3", "min-rows", "1");
        assertThatThrownBy(() -> profile("a,b,c,d\n1,2,3,x\n", tight))
                .isInstanceOfSatisfying(DatasetException.class, e -> assertThat(e.kind()).isEqualTo(ProblemType.PAYLOAD_TOO_LARGE))
                .hasMessageContaining("at most 3 are allowed");
        assertThatThrownBy(() -> profile("a,b,c\n" + rows(6), tight)).hasMessageContaining("more than 5 rows");
        assertThatThrownBy(() -> profile("a,b,c\n" + rows(40), TestLimits.with("max-bytes", "200")))
                .hasMessageContaining("more than 200 bytes");
    }

    @Test
    void categoriesAreBoundedPerColumnAndTogether() {
        DatasetLimits limits = TestLimits.with("max-categories", "3", "max-categories-total", "5", "min-rows", "1");
        assertThatThrownBy(() -> profileCategorical("c,label\nA,x\nB,y\nC,x\nA,y\nD,x\n", Set.of("c"), limits))
                .hasMessageContaining("'c' has more than 3 categories (trainyard.datasets.max-categories)");
        assertThatThrownBy(() -> profileCategorical("c,d,label\na,p,x\nb,q,y\nc,r,x\n", Set.of("c", "d"), limits))
                .hasMessageContaining("more than 5 categories together (trainyard.datasets.max-categories-total)");
        assertThat(profileCategorical("c,d,label\na,p,x\nb,q,y\nb,p,x\n", Set.of("c", "d"), limits).rows()).isEqualTo(3);
    }

    @Test
    void aTargetNameTooLongToStoreIsRefused() {
        String name = "t".repeat(201);
        assertFault("a," + name + "\n1,x\n2,y\n3,x\n", "The target column's name is longer than 200 characters");
    }

    private static DatasetSchema profileCategorical(String csv, Set<String> categorical, DatasetLimits limits) {
        DatasetProfiler profiler = new DatasetProfiler(null, null, categorical, limits);
        try {
            CsvReader.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), limits, profiler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return profiler.schema();
    }

    private static void assertFault(String csv, String message) {
        assertThatThrownBy(() -> profile(csv, null, null)).isInstanceOf(DatasetException.class).hasMessageContaining(message);
    }

    private static DatasetSchema profile(String csv, String target, Task task) {
        return profile(csv.getBytes(StandardCharsets.UTF_8), target, task);
    }

    private static DatasetSchema profile(String csv, DatasetLimits limits) {
        return profile(csv.getBytes(StandardCharsets.UTF_8), null, null, limits);
    }

    private static DatasetSchema profile(byte[] csv, String target, Task task) {
        return profile(csv, target, task, LIMITS);
    }

    private static DatasetSchema profile(byte[] csv, String target, Task task, DatasetLimits limits) {
        DatasetProfiler profiler = new DatasetProfiler(target, task, limits);
        try {
            CsvReader.read(new ByteArrayInputStream(csv), limits, profiler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return profiler.schema();
    }
}
