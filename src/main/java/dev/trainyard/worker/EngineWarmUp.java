package dev.trainyard.worker;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

import dev.trainyard.engine.EngineRuntime;
import dev.trainyard.engine.RuntimeInfo;

/**
 * Warms the engine while the node starts (runners finish before readiness turns UP), and reports
 * the backend, BLAS vendor and thread counts under {@code engine} in /actuator/info.
 */
@Component
class EngineWarmUp implements ApplicationRunner, InfoContributor {

    private static final Logger log = LoggerFactory.getLogger(EngineWarmUp.class);

    private final WorkerProperties settings;
    private volatile RuntimeInfo runtime;

    EngineWarmUp(WorkerProperties settings) {
        this.settings = settings;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (settings.warmUp()) {
            runtime = EngineRuntime.warmUp();
            log.info("Training engine ready: {} backend, {} BLAS, {} BLAS threads, warmed up in {} ms",
                    runtime.backend(), runtime.blasVendor(), runtime.blasThreads(), runtime.warmUpMillis());
            if (!runtime.vectorized()) {
                log.warn("The JVM runs without the Vector API module, so small networks train several times slower: "
                        + "start it with --add-modules=jdk.incubator.vector");
            }
        }
    }

    @Override
    public void contribute(Info.Builder builder) {
        RuntimeInfo info = runtime;
        Map<String, Object> engine = new LinkedHashMap<>();
        engine.put("library", "ND4J");
        if (info == null) {
            engine.put("status", "not loaded yet (trainyard.worker.warm-up=false)");
        } else {
            engine.put("backend", info.backend());
            engine.put("blasVendor", info.blasVendor());
            engine.put("cores", info.cores());
            engine.put("blasThreads", info.blasThreads());
            engine.put("ompThreads", info.ompThreads());
            engine.put("warmUpMillis", info.warmUpMillis());
            engine.put("vectorKernels", info.vectorized());
        }
        builder.withDetail("engine", engine);
    }
}
