package dev.trainyard.job;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.trainyard.system.JsonProblems;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Job submission for other features (sweeps): specs as JSON trees, checked exactly as POST /api/v1/jobs checks them. */
@Component
public class JobSubmissions {

    private final JobService jobs;
    private final JsonMapper json;

    JobSubmissions(JobService jobs, JsonMapper json) {
        this.jobs = jobs;
        this.json = json;
    }

    /**
     * Checks a spec against the owner's datasets and the limits without queueing it; an ApiException names the
     * invalid fields relative to the spec, under {@code prefix}.
     */
    @Transactional
    public void check(String owner, JsonNode spec, String prefix) {
        jobs.check(owner, read(spec, prefix), prefix);
    }

    private JobSpec read(JsonNode spec, String prefix) {
        try {
            return json.treeToValue(spec, JobSpec.class);
        } catch (JacksonException unreadable) {
            throw JsonProblems.of(unreadable, prefix);
        }
    }
}
