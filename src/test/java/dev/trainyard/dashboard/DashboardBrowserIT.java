package dev.trainyard.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.trainyard.job.TestQueue;
import dev.trainyard.metrics.EpochPoints;
import dev.trainyard.metrics.MetricStore;
import dev.trainyard.support.ApiClient.Reply;
import dev.trainyard.support.ApiScenarios;
import dev.trainyard.support.Browser;
import dev.trainyard.support.H2Stack;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard at / in headless Debian Chromium, against a node that trains: sign in, submit an example and watch
 * its loss chart grow, compare two jobs, read a sweep, upload a CSV, and see only one's own jobs. Every test fails on
 * a console error and leaves a screenshot in target/dashboard-screenshots/.
 */
@H2Stack
@ExtendWith(Browser.class)
@TestPropertySource(properties = {"trainyard.worker.slots=2", "trainyard.worker.poll-interval=100ms",
        "trainyard.worker.heartbeat-interval=200ms", "trainyard.worker.lease-duration=3s",
        "trainyard.worker.metrics-flush-interval=100ms", "trainyard.analyses.poll-interval=100ms"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DashboardBrowserIT extends ApiScenarios {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
    private static final String SMALL = """
            {"name": "%s", "dataset": {"id": "builtin:iris"},
             "model": {"layers": [{"type": "dense", "units": 8, "activation": "tanh"}]},
             "training": {"epochs": 15, "optimizer": {"type": "adam", "learningRate": %s}}}
            """;

    @TempDir
    Path profile;

    ChromeDriver browser;
    WebDriverWait wait;
    /** Console messages a test expects (a refused submission is logged by the browser as a failed request). */
    List<String> expectedErrors = List.of();

    @BeforeEach
    void open() {
        TestQueue.clear(jdbc);
        connectAs("dashboard");
        browser = Browser.start(profile);
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    @AfterEach
    void close(TestInfo test) throws IOException {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(),
                    SCREENSHOTS.resolve(test.getTestMethod().orElseThrow().getName() + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
            List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage)
                    .filter(message -> expectedErrors.stream().noneMatch(message::contains)).toList();
            assertThat(errors).as("console errors").isEmpty();
        } finally {
            browser.quit();
        }
    }

    private void signIn(String apiKey) {
        browser.get("http://localhost:" + port + "/");
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
        field.sendKeys(apiKey);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("table.jobs")));
    }

    private void go(String hash) {
        browser.get("http://localhost:" + port + "/" + hash);
    }

    private int points(String chartId) {
        String value = browser.findElement(By.id(chartId)).getDomAttribute("data-points");
        return value == null ? 0 : Integer.parseInt(value);
    }

    private String awaitFinished(String id) {
        awaitResource("/api/v1/jobs/" + id, job -> job.path("phase").asString().equals("finished"),
                Duration.ofSeconds(120));
        return id;
    }

    @Test
    void aSignedInUserSubmitsAnExampleAndWatchesItsLossChartGainPointsWhileItTrains() {
        signIn(key);
        assertThat(browser.manage().getCookies()).as("no session cookie").isEmpty();
        go("#/submit");
        Select example = new Select(wait.until(ExpectedConditions.elementToBeClickable(By.name("example"))));
        example.selectByValue("digits-augmented");
        WebElement editor = browser.findElement(By.name("spec"));
        assertThat(editor.getDomProperty("value")).contains("\"digits-augmented-residual\"");

        // a value the server refuses is shown at the field it names
        String valid = editor.getDomProperty("value");
        editor.clear();
        editor.sendKeys(valid.replace("\"learningRate\": 0.003", "\"learningRate\": -1"));
        expectedErrors = List.of("/api/v1/jobs - Failed to load resource: the server responded with a status of 400");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        WebElement refused = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#submit-errors li[data-field='training.optimizer']")));
        assertThat(refused.getText()).contains("learningRate must be > 0");

        editor.clear();
        editor.sendKeys(valid.replace("\"epochs\": 40", "\"epochs\": 60"));
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlMatches("#/jobs/[0-9a-f-]{36}$"));
        String id = browser.getCurrentUrl().replaceAll(".*#/jobs/", "");

        wait.until(driver -> points("chart-loss") > 0);
        int early = points("chart-loss");
        JsonNode running = api.get("/api/v1/jobs/" + id, "X-API-Key", key).json();
        assertThat(running.path("phase").asString()).as("still training when the chart had %d points", early)
                .isNotEqualTo("finished");
        wait.until(driver -> points("chart-loss") > early);
        awaitFinished(id);
        int epochs = api.get("/api/v1/jobs/" + id, "X-API-Key", key).json().path("progress").path("epoch").asInt();
        wait.until(driver -> points("chart-loss") >= epochs); // every epoch's train_loss, streamed
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".job-header .badge"),
                "succeeded"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confusion")));
        assertThat(points("chart-gradients")).as("the gradient-flow heatmap").isPositive();
    }

    @Test
    void twoJobsPickedInTheListAreOverlaidWithTheHyperparameterThatDiffers() {
        String slow = awaitFinished(accepted("/api/v1/jobs", SMALL.formatted("lr-small", "0.001")));
        String fast = awaitFinished(accepted("/api/v1/jobs", SMALL.formatted("lr-large", "0.05")));
        signIn(key);
        for (String id : List.of(slow, fast)) {
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("tr[data-job='" + id + "'] input")))
                    .click();
        }
        browser.findElement(By.xpath("//button[text()='Compare selected']")).click();
        wait.until(driver -> points("chart-compare") > 0);
        assertThat(points("chart-compare")).as("15 epochs of each").isEqualTo(30);
        WebElement differences = browser.findElement(By.id("differences"));
        assertThat(differences.getText()).contains("training.optimizer.learningRate", "0.001", "0.05")
                .doesNotContain("dataset.id");
    }

    @Test
    void aHundredThousandEpochHistoryIsDrawnDownSampledAndTheJobFitsANarrowScreen() {
        String id = awaitFinished(accepted("/api/v1/jobs", SMALL.formatted("long", "0.01")));
        long job = jdbc.queryForObject("select id from job where public_id = ?", Long.class, UUID.fromString(id));
        MetricStore store = context.getBean(MetricStore.class);
        TransactionTemplate transactions = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        for (int from = 15; from < 100_000; from += 5_000) {
            List<EpochPoints> epochs = new ArrayList<>();
            for (int epoch = from; epoch < Math.min(100_000, from + 5_000); epoch++) {
                epochs.add(new EpochPoints(epoch, Map.of("train_loss", 1.0 / (1 + epoch))));
            }
            transactions.executeWithoutResult(status -> store.record(job, epochs));
        }
        signIn(key);
        browser.manage().window().setSize(new Dimension(400, 900));
        go("#/jobs/" + id);
        wait.until(driver -> points("chart-loss") > 0);
        assertThat(points("chart-loss")).as("train_loss down-sampled, val_loss's 15 epochs").isBetween(100, 1015);
        Object overflow = browser.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue()).as("no sideways scrolling at 400 px").isLessThanOrEqualTo(0);
    }

    @Test
    void aSweepShowsItsTrialsTheBestAndAParallelCoordinatesView() {
        String sweep = accepted("/api/v1/sweeps", """
                {"name": "dashboard-grid", "template": %s,
                 "parameters": [{"path": "training.optimizer.learningRate", "values": [0.001, 0.01, 0.1]}],
                 "objective": {"metric": "val_accuracy", "goal": "maximize"}, "limits": {"maxParallel": 2}}
                """.formatted(SMALL.formatted("trial", "0.01")));
        awaitResource("/api/v1/sweeps/" + sweep, s -> !s.path("status").asString().equals("running"),
                Duration.ofSeconds(120));
        signIn(key);
        go("#/sweeps/" + sweep);
        wait.until(driver -> points("chart-parallel") == 3);
        assertThat(browser.findElements(By.cssSelector("#trials tbody tr"))).hasSize(3);
        assertThat(browser.findElements(By.cssSelector("#trials tbody tr.best"))).hasSize(1);
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).startsWith("Best trial");
        assertThat(points("chart-objective")).isEqualTo(3);
    }

    @Test
    void aFinishedRaceShowsItsPairedTableAndIsReachedFromItsSweep() {
        String race = accepted("/api/v1/races", """
                {"name": "dashboard-race", "template": %s, "optimizers": [{"type": "sgd", "learningRate": 0.5},
                 {"type": "adam", "learningRate": 0.02}], "seeds": 2, "target": {"metric": "val_accuracy", "value": 0.8}}
                """.formatted(SMALL.formatted("trial", "0.01")));
        JsonNode done = awaitResource("/api/v1/races/" + race, r -> !r.path("status").asString().equals("running"),
                Duration.ofSeconds(120));
        JsonNode epochs = done.path("optimizers").get(1).path("versusBaseline").path("epochsToTarget");
        assertThat(epochs.path("n").asInt()).as("both reach the target on both seeds: %s", done).isEqualTo(2);
        signIn(key);
        go("#/sweeps/" + race);
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Race report"))).click();
        wait.until(driver -> driver.findElements(By.cssSelector("#race tbody tr")).size() == 2);
        List<WebElement> rows = browser.findElements(By.cssSelector("#race tbody tr"));
        assertThat(rows.get(0).findElement(By.tagName("th")).getText()).isEqualTo("sgd(learningRate=0.5) (baseline)");
        assertThat(rows.get(1).findElement(By.tagName("th")).getText()).isEqualTo("adam(learningRate=0.02)");
        assertThat(browser.findElements(By.cssSelector("#race thead th")).stream().map(WebElement::getText))
                .containsExactly("optimizer", "epochs to target", "final val_loss", "final val_accuracy",
                        "difference vs baseline [95% CI]", "p-value");
        List<WebElement> adam = rows.get(1).findElements(By.tagName("td"));
        assertThat(adam.get(1).getText()).as("mean ± sd over both seeds").contains(" ± ").endsWith("(n=2)");
        assertThat(adam.get(3).getText()).isEqualTo(shown(epochs.path("meanDifference").asDouble())
                + (epochs.has("ciLow") ? " [" + shown(epochs.path("ciLow").asDouble()) + ", "
                + shown(epochs.path("ciHigh").asDouble()) + "]" : ""));
        assertThat(adam.get(4).getText()).isEqualTo(epochs.has("pValue") ? shown(epochs.path("pValue").asDouble()) : "–");
        assertThat(rows.get(0).findElements(By.tagName("td")).get(3).getText()).isEqualTo("–");
        assertThat(browser.findElement(By.cssSelector("ul.verdicts li")).getText())
                .isEqualTo(done.path("optimizers").get(1).path("versusBaseline").path("verdict").asString());
        wait.until(driver -> points("chart-race") == 4);
    }

    /** A number as the dashboard shows it: four significant digits, or an exponent for the very small or large. */
    private static String shown(double value) {
        if (value != 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e5)) {
            String[] parts = String.format(java.util.Locale.ROOT, "%.2e", value).split("e");
            return parts[0] + "e" + (parts[1].startsWith("+") ? "+" : "-") + Integer.parseInt(parts[1].substring(1));
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    @Test
    void aCsvUploadedInTheBrowserShowsItsSchemaAndClassBalance() throws IOException {
        Path csv = profile.resolve("fruit.csv");
        StringBuilder rows = new StringBuilder("weight,sweetness,fruit\n");
        for (int i = 0; i < 12; i++) {
            rows.append(140 + 3 * i).append(',').append(5 + i % 4).append(',').append(i % 3 == 0 ? "pear" : "apple")
                    .append('\n');
        }
        Files.writeString(csv, rows, StandardCharsets.UTF_8);
        signIn(key);
        go("#/datasets");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.name("file"))).sendKeys(csv.toString());
        browser.findElement(By.name("name")).sendKeys("fruit");
        browser.findElement(By.xpath("//button[text()='Upload']")).click();
        WebElement schema = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("schema")));
        assertThat(schema.getText()).contains("weight", "sweetness", "fruit (target)");
        wait.until(driver -> points("chart-balance") == 2);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("fruit");

        go("#/datasets");
        new Select(wait.until(ExpectedConditions.elementToBeClickable(By.name("kind")))).selectByValue("moons");
        WebElement samples = browser.findElement(By.name("samples"));
        samples.clear();
        samples.sendKeys("300");
        browser.findElement(By.xpath("//button[text()='Generate']")).click();
        wait.until(driver -> browser.findElements(By.id("chart-points")).size() == 1 && points("chart-points") == 300);

        String moons = browser.getCurrentUrl().replaceAll(".*#/datasets/", "");
        String job = awaitFinished(accepted("/api/v1/jobs", """
                {"dataset": {"id": "%s"}, "model": {"layers": [{"type": "dense", "units": 16, "activation": "tanh"}]},
                 "training": {"epochs": 20, "optimizer": {"type": "adam", "learningRate": 0.01}}}
                """.formatted(java.net.URLDecoder.decode(moons, StandardCharsets.UTF_8))));
        go("#/jobs/" + job);
        wait.until(driver -> browser.findElements(By.id("chart-boundary")).size() == 1
                && points("chart-boundary") >= 41 * 41);
    }

    @Test
    void hessianAndLandscapeAnalysesStartedFromTheJobPageShowTheirVerdictDensityCurvesAndPlane() {
        String job = awaitFinished(accepted("/api/v1/jobs", SMALL.formatted("curvature", "0.05")));
        signIn(key);
        go("#/jobs/" + job);
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[text()='Analyse the Hessian']"))).click();
        WebElement verdict = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("hessian-verdict")));
        assertThat(verdict.getText()).containsAnyOf("minimum", "saddle", "flat");
        wait.until(driver -> points("chart-density") > 0);
        assertThat(browser.findElement(By.id("analyses")).getText()).contains("sharpness vs 2 / lr", "40");

        browser.findElement(By.xpath("//button[text()='Draw the loss landscape']")).click();
        wait.until(driver -> driver.findElements(By.id("chart-plane")).size() == 1 && points("chart-plane") == 21 * 21);
        assertThat(points("chart-landscape")).as("two curves of 41 steps").isEqualTo(82);
        browser.executeScript("document.getElementById('chart-density').scrollIntoView();"); // for the screenshot
    }

    @Test
    void aRangeTestFromTheSubmitPageMarksItsSuggestionAndPutsItIntoTheSpec() {
        signIn(key);
        go("#/submit");
        WebElement editor = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("spec")));
        editor.sendKeys(SMALL.formatted("range-tested", "0.001"));
        browser.findElement(By.xpath("//button[text()='Find a learning rate']")).click();
        wait.until(driver -> driver.findElements(By.id("chart-range-test")).size() == 1
                && points("chart-range-test") > 0);
        assertThat(browser.findElement(By.id("range-test")).getText()).contains("suggestion");
        WebElement use = browser.findElement(By.xpath("//button[starts-with(text(), 'Use ')]"));
        double shown = Double.parseDouble(use.getText().substring("Use ".length()));
        use.click();
        JsonNode spec = JSON.readTree(editor.getDomProperty("value"));
        double rate = spec.path("training").path("optimizer").path("learningRate").asDouble();
        assertThat(rate).as("the suggestion, shown to 3 digits").isCloseTo(shown, within(shown * 0.01));
        assertThat(spec.path("training").path("optimizer").path("type").asString()).isEqualTo("adam");
    }

    @Test
    void anAutoRateJobShowsItsRangeTestItsSharpnessAndItsDecisionBoundaryFormingEpochByEpoch() {
        String job = awaitFinished(accepted("/api/v1/jobs", """
                {"name": "moons-forming", "dataset": {"generate": {"kind": "moons", "samples": 300, "seed": 3}},
                 "model": {"layers": [{"type": "dense", "units": 8, "activation": "tanh"}]},
                 "training": {"epochs": 20, "optimizer": {"type": "sgd", "learningRate": "auto"},
                              "analyses": {"sharpnessEvery": 5}, "snapshots": {"decisionBoundaryEvery": 5}}}
                """));
        signIn(key);
        go("#/jobs/" + job);
        wait.until(driver -> driver.findElements(By.id("chart-lr-search")).size() == 1
                && points("chart-lr-search") > 0);
        assertThat(browser.findElement(By.id("learning-rate-search")).getText()).contains("found by a range test");
        wait.until(driver -> driver.findElements(By.id("chart-sharpness")).size() == 1
                && points("chart-sharpness") == 8); // sharpness and 2 / lr after epochs 5, 10, 15 and 20
        WebElement forming = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chart-boundary-epoch")));
        wait.until(driver -> "19".equals(forming.getDomAttribute("data-epoch")));
        browser.executeScript("const s = document.querySelector('input[name=boundary-epoch]'); s.value = 0; "
                + "s.dispatchEvent(new Event('input'));");
        wait.until(driver -> "4".equals(forming.getDomAttribute("data-epoch")));
        assertThat(browser.findElement(By.id("boundary-epoch")).getText()).isEqualTo("after epoch 5 of 20");
        assertThat(points("chart-boundary-epoch")).as("40 × 40 cells and the training rows").isGreaterThan(1600);
    }

    @Test
    void aFindingsSuggestedPatchIsRetriedWithOneClick() {
        String zeros = awaitFinished(accepted("/api/v1/jobs", """
                {"name": "zeros", "dataset": {"id": "builtin:iris"},
                 "model": {"layers": [{"type": "dense", "units": 8, "activation": "tanh", "init": "zeros"}]},
                 "training": {"epochs": 10, "optimizer": {"type": "sgd", "learningRate": 0.1}}}
                """));
        signIn(key);
        go("#/jobs/" + zeros);
        WebElement finding = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("li.finding[data-rule='symmetric_initialization']")));
        assertThat(finding.getText()).contains("xavier");
        finding.findElement(By.xpath(".//button[text()='Retry with this patch']")).click();
        wait.until(driver -> driver.getCurrentUrl().matches(".*#/jobs/[0-9a-f-]{36}$")
                && !driver.getCurrentUrl().endsWith(zeros));
        String derived = browser.getCurrentUrl().replaceAll(".*#/jobs/", "");
        assertThat(api.get("/api/v1/jobs/" + derived, "X-API-Key", key).json().path("derivedFrom").path("id")
                .asString()).isEqualTo(zeros);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".job-header"), "derived from"));
    }

    @Test
    void aUserSeesOnlyTheirOwnJobsAndAnotherOwnersJobIsNotFound() {
        String mine = awaitFinished(accepted("/api/v1/jobs", SMALL.formatted("mine", "0.01")));
        String myKey = key;
        connectAs("dashboard-other");
        String theirs = awaitFinished(accepted("/api/v1/jobs", SMALL.formatted("theirs", "0.01")));
        signIn(myKey);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-job='" + mine + "']")));
        assertThat(browser.findElements(By.cssSelector("tr[data-job='" + theirs + "']"))).isEmpty();
        expectedErrors = List.of("/api/v1/jobs/" + theirs + " - Failed to load resource: the server responded with a "
                + "status of 404");
        go("#/jobs/" + theirs);
        WebElement problem = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".problem")));
        assertThat(problem.getText()).containsIgnoringCase("not found");
        Reply root = api.get("/");
        assertThat(root.header("Content-Security-Policy")).contains("script-src 'self'");
    }
}
