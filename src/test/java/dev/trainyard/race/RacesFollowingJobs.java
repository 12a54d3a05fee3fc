package dev.trainyard.race;

import dev.trainyard.job.Trial;

/** A race class that follows its trials as jobs instead of through its sweep, for ArchitectureTest. */
public final class RacesFollowingJobs {

    Trial trial;
}
