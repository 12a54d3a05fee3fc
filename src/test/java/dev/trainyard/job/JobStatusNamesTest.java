package dev.trainyard.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.trainyard.support.JobAssert;

/** The statuses the tests' {@link JobAssert} knows are the service's. */
class JobStatusNamesTest {

    @Test
    void jobAssertKnowsEveryStatus() {
        assertThat(Arrays.stream(JobAssert.Status.values()).map(Enum::name))
                .containsExactlyElementsOf(Arrays.stream(JobStatus.values()).map(Enum::name).toList());
    }
}
