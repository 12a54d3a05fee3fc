package dev.trainyard;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

import dev.trainyard.engine.spec.Nd4jInASpec;
import dev.trainyard.engine.train.SpringInTheEngine;
import dev.trainyard.job.Checked;
import dev.trainyard.job.JobStatus;
import dev.trainyard.job.JobSubmissions;
import dev.trainyard.job.JobsCallingBack;
import dev.trainyard.job.PlannedJob;
import dev.trainyard.job.Trial;
import dev.trainyard.metrics.MetricsCallingJobs;
import dev.trainyard.race.RacesFollowingJobs;
import dev.trainyard.sweep.SpecPaths;
import dev.trainyard.sweep.SweepRequest;
import dev.trainyard.sweep.SweepResponse;
import dev.trainyard.sweep.Sweeps;
import dev.trainyard.sweep.SweepsClaimingJobs;

/** The package rules of docs/design.md section 2, enforced rather than hoped for. */
class ArchitectureTest {

    static final String ENGINE = "dev.trainyard.engine..";
    static final String SPEC = "dev.trainyard.engine.spec..";
    /** Plain data preparation and generation, free of ND4J: features may prepare data, only workers train. */
    static final String DATA = "dev.trainyard.engine.data";
    /** The diagnostics rules over stored metrics: plain code the diagnostics feature runs on any node. */
    static final String DIAGNOSE = "dev.trainyard.engine.diagnose";

    static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.trainyard");

    static final ArchRule ND4J_ONLY_IN_THE_ENGINE = noClasses()
            .that(not(resideInAPackage(ENGINE)).or(resideInAPackage(SPEC)))
            .should().dependOnClassesThat().resideInAPackage("org.nd4j..")
            .because("ND4J stays behind the engine's facade, and specs are plain records");

    static final ArchRule ENGINE_IS_PLAIN_JAVA = noClasses()
            .that().resideInAPackage(ENGINE)
            .should().dependOnClassesThat(resideInAnyPackage("org.springframework..", "jakarta..", "tools.jackson..",
                    "com.fasterxml.jackson..")
                    .or(resideInAPackage("dev.trainyard..").and(not(resideInAPackage(ENGINE)))))
            .because("the engine is a library: no Spring, Jakarta, Jackson or features");

    static final ArchRule ONLY_WORKER_AND_MODEL_DRIVE_THE_ENGINE = noClasses()
            .that().resideOutsideOfPackages(ENGINE, "dev.trainyard.worker..", "dev.trainyard.model..")
            .and().doNotHaveFullyQualifiedName("dev.trainyard.analysis.AnalysisWorker")
            .should().dependOnClassesThat(resideInAPackage(ENGINE).and(not(resideInAnyPackage(SPEC, DATA, DIAGNOSE))))
            .because("only workers train (the job worker, and the analysis worker's range tests) and only the model "
                    + "feature predicts");

    static final ArchRule ENGINE_DATA_IS_FREE_OF_ND4J = noClasses()
            .that().resideInAnyPackage(SPEC, DATA, DIAGNOSE)
            .should().dependOnClassesThat().resideInAPackage("org.nd4j..")
            .because("features use these packages, and ND4J stays inside the engine");

    static final ArchRule FEATURES_ARE_FREE_OF_CYCLES = SlicesRuleDefinition.slices()
            .matching("dev.trainyard.(*)..").should().beFreeOfCycles()
            .because("features build on each other in one direction: system and security at the bottom, then "
                    + "dataset and metrics, then job, then sweep and worker");

    static final ArchRule METRICS_KNOWS_NO_JOB = noClasses()
            .that().resideInAPackage("dev.trainyard.metrics..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.trainyard.job..", "dev.trainyard.sweep..",
                    "dev.trainyard.worker..", "dev.trainyard.dataset..", ENGINE)
            .because("metric history is stored and read by job key; the job feature finds jobs for it (OwnedJobs)");

    static final ArchRule SWEEPS_USE_THE_TYPED_JOB_API = noClasses()
            .that().resideInAPackage("dev.trainyard.sweep..")
            .should().dependOnClassesThat(resideInAPackage("dev.trainyard.job..").and(not(belongToAnyOf(
                    JobSubmissions.class, JobSubmissions.History.class, PlannedJob.class, Checked.class, Trial.class,
                    JobStatus.class))))
            .because("sweeps plan, queue and follow their trials through JobSubmissions and its typed values only");

    static final ArchRule RACES_USE_THE_SWEEP_API = noClasses()
            .that().resideInAPackage("dev.trainyard.race..")
            .should().dependOnClassesThat(resideInAnyPackage("dev.trainyard.sweep..", "dev.trainyard.job..")
                    .and(not(belongToAnyOf(Sweeps.class, SweepRequest.class, SweepResponse.class, SpecPaths.class,
                            JobSubmissions.class, Checked.class, PlannedJob.class))))
            .because("a race is a sweep: it starts and reads it through Sweeps, and checks its optimizers as jobs");

    static final ArchRule REPOSITORIES_STAY_IN_THEIR_FEATURE = ArchRuleDefinition.classes()
            .should(useOnlyRepositoriesOfTheirOwnPackage())
            .because("a feature never reaches into another feature's repository");

    @Test
    void nd4jIsUsedOnlyInsideTheEngine() {
        ND4J_ONLY_IN_THE_ENGINE.check(PRODUCTION);
    }

    @Test
    void engineIsFreeOfSpringJakartaJacksonAndFeatures() {
        ENGINE_IS_PLAIN_JAVA.check(PRODUCTION);
    }

    @Test
    void specsAndDataPreparationAreFreeOfNd4j() {
        ENGINE_DATA_IS_FREE_OF_ND4J.check(PRODUCTION);
    }

    @Test
    void onlyWorkerAndModelDriveTheEngine() {
        ONLY_WORKER_AND_MODEL_DRIVE_THE_ENGINE.check(PRODUCTION);
    }

    @Test
    void repositoriesAreUsedOnlyInTheirOwnFeature() {
        REPOSITORIES_STAY_IN_THEIR_FEATURE.check(PRODUCTION);
    }

    @Test
    void featuresAreFreeOfCycles() {
        FEATURES_ARE_FREE_OF_CYCLES.check(PRODUCTION);
    }

    @Test
    void sweepsUseOnlyTheTypedJobApi() {
        SWEEPS_USE_THE_TYPED_JOB_API.check(PRODUCTION);
    }

    @Test
    void racesUseOnlyTheSweepApi() {
        RACES_USE_THE_SWEEP_API.check(PRODUCTION);
    }

    @Test
    void metricsKnowsNoJob() {
        METRICS_KNOWS_NO_JOB.check(PRODUCTION);
    }

    /**
     * The rules catch what they claim to: each fails on classes written to break it (test classes, placed in the
     * packages whose rules they break), and passes on the production code above.
     */
    @Test
    void rulesDetectViolations() {
        JavaClasses offenders = new ClassFileImporter().importClasses(ArchitectureViolations.Nd4jOutsideEngine.class,
                ArchitectureViolations.ForeignRepositoryUser.class, SpringInTheEngine.class, Nd4jInASpec.class,
                MetricsCallingJobs.class, JobsCallingBack.class, SweepsClaimingJobs.class, RacesFollowingJobs.class);
        assertThat(ND4J_ONLY_IN_THE_ENGINE.evaluate(offenders).hasViolation()).isTrue();
        assertThat(ONLY_WORKER_AND_MODEL_DRIVE_THE_ENGINE.evaluate(offenders).hasViolation()).isTrue();
        assertThat(REPOSITORIES_STAY_IN_THEIR_FEATURE.evaluate(offenders).hasViolation()).isTrue();
        assertThat(ENGINE_IS_PLAIN_JAVA.evaluate(offenders).hasViolation()).isTrue();
        assertThat(ENGINE_DATA_IS_FREE_OF_ND4J.evaluate(offenders).hasViolation()).isTrue();
        assertThat(METRICS_KNOWS_NO_JOB.evaluate(offenders).hasViolation()).isTrue();
        assertThat(FEATURES_ARE_FREE_OF_CYCLES.evaluate(offenders).hasViolation()).isTrue();
        assertThat(SWEEPS_USE_THE_TYPED_JOB_API.evaluate(offenders).hasViolation()).isTrue();
        assertThat(RACES_USE_THE_SWEEP_API.evaluate(offenders).hasViolation()).isTrue();
    }

    private static ArchCondition<JavaClass> useOnlyRepositoriesOfTheirOwnPackage() {
        return new ArchCondition<>("use only repositories of their own package") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    boolean foreignRepository = target.isAssignableTo(Repository.class)
                            && target.getPackageName().startsWith("dev.trainyard")
                            && !target.getPackageName().equals(origin.getPackageName());
                    if (foreignRepository) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }
}
