package dev.trainyard.diagnostics;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

import dev.trainyard.dataset.DatasetService;
import dev.trainyard.engine.diagnose.Diagnostics;
import dev.trainyard.engine.diagnose.Facts;
import dev.trainyard.engine.diagnose.Finding;
import dev.trainyard.engine.diagnose.History;
import dev.trainyard.engine.diagnose.Thresholds;
import dev.trainyard.engine.spec.Task;
import dev.trainyard.job.JobDeleted;
import dev.trainyard.job.JobProgressed;
import dev.trainyard.job.RunRecords;
import dev.trainyard.metrics.JobMetrics;
import dev.trainyard.system.ApiException;
import dev.trainyard.system.ProblemType;
import jakarta.annotation.PreDestroy;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A job's findings: computed by the engine's {@link Diagnostics} from the stored history (so any node answers, and
 * they survive restarts), the spec it runs and its dataset's facts, with the server's thresholds and the job's own
 * ({@code training.diagnostics}); kept in {@link FindingStore}. A job running on this node is diagnosed again at most
 * every {@code trainyard.diagnostics.refresh-interval} as its epochs land, and once when it ends, on one background
 * thread, so training never waits for it.
 */
@Service
class DiagnosticsService {

    private static final Logger log = LoggerFactory.getLogger(DiagnosticsService.class);

    private final RunRecords runs;
    private final JobMetrics metrics;
    private final DatasetService datasets;
    private final FindingStore store;
    private final DiagnosticsProperties settings;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<Long, Long> refreshedAt = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "diagnostics");
        thread.setDaemon(true);
        return thread;
    });

    DiagnosticsService(RunRecords runs, JobMetrics metrics, DatasetService datasets, FindingStore store,
            DiagnosticsProperties settings, JsonMapper json, Clock clock) {
        this.runs = runs;
        this.metrics = metrics;
        this.datasets = datasets;
        this.store = store;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    /** The findings of the owner's job {@code jobId}, computed now; a 404 problem when it is not theirs. */
    List<FindingView> diagnose(String owner, String jobId) {
        return diagnose(runs.find(owner, jobId));
    }

    private List<FindingView> diagnose(RunRecords.Run run) {
        List<Finding> findings = Diagnostics.diagnose(history(run.key()), facts(run), thresholds(run));
        JsonNode sent = json.readTree(run.sentSpec());
        List<FindingStore.Row> rows = new ArrayList<>();
        List<FindingView> views = new ArrayList<>();
        for (Finding finding : findings) {
            FindingView view = new FindingView(finding.rule().id(), finding.severity().label(), finding.layers(),
                    new FindingView.Epochs(finding.fromEpoch(), finding.toEpoch()), finding.evidence(),
                    finding.explanation(), finding.rule().concept(), SpecPatch.of(sent, finding.changes(), json), null);
            views.add(view);
            rows.add(new FindingStore.Row(finding.key(), finding.rule().id(), finding.severity().label(),
                    json.writeValueAsString(view)));
        }
        Map<String, Timestamp> raised = store.replace(run.key(), rows);
        List<FindingView> shown = new ArrayList<>();
        for (int i = 0; i < views.size(); i++) {
            Timestamp at = raised.get(findings.get(i).key());
            FindingView v = views.get(i);
            shown.add(new FindingView(v.rule(), v.severity(), v.layers(), v.epochs(), v.evidence(), v.explanation(),
                    v.concept(), v.patch(), at == null ? clock.instant() : at.toInstant()));
        }
        return shown;
    }

    private History history(long key) {
        History.Builder history = History.builder();
        metrics.forEachPoint(key, history::add);
        return history.build();
    }

    private Facts facts(RunRecords.Run run) {
        long[] classes = new long[0];
        double[] ranges = new double[0];
        Task task = Task.CLASSIFICATION;
        try {
            DatasetService.Summary dataset = datasets.summary(run.owner(), run.datasetId());
            task = "regression".equals(dataset.task()) ? Task.REGRESSION : Task.CLASSIFICATION;
            classes = dataset.classBalance().values().stream().mapToLong(Long::longValue).toArray();
            ranges = datasets.featureRanges(run.owner(), run.datasetId());
        } catch (ApiException gone) {
            if (gone.kind() != ProblemType.NOT_FOUND) {
                throw gone;
            }
            // the dataset was deleted: the rules that need its facts say nothing
        }
        String divergence = "diverged".equals(run.failureCode()) ? run.failureMessage() : null;
        return new Facts(run.model(), run.training(), run.split(), task, classes, ranges, divergence);
    }

    /** The server's thresholds with the job's own on top (already checked at submission). */
    private Thresholds thresholds(RunRecords.Run run) {
        JsonNode own = json.readTree(run.sentSpec()).path("training").path("diagnostics");
        Map<String, Double> overrides = new LinkedHashMap<>();
        if (own.isObject()) {
            own.properties().forEach(e -> overrides.put(e.getKey(), e.getValue().asDouble()));
        }
        return settings.server().with(overrides);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void progressed(JobProgressed progressed) {
        long now = clock.millis();
        Long last = refreshedAt.get(progressed.key());
        if (!progressed.ended() && last != null && now - last < settings.refreshInterval().toMillis()) {
            return;
        }
        refreshedAt.put(progressed.key(), now);
        if (progressed.ended()) {
            refreshedAt.remove(progressed.key());
        }
        background.execute(() -> refresh(progressed.key()));
    }

    @EventListener
    void deleted(JobDeleted deleted) {
        refreshedAt.remove(deleted.key());
    }

    private void refresh(long key) {
        try {
            runs.byKey(key).ifPresent(this::diagnose);
        } catch (RuntimeException error) {
            log.warn("Diagnostics of job {} could not be refreshed: {}", key, error.toString());
        }
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }
}
