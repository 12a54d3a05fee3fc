package dev.trainyard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Joins the JSON lines of one benchmark run into one document: for each engine, workload and thread
 * setting the median run (with every run's throughput beside it), and the ratios of Trainyard's
 * medians to each peer's (above 1: Trainyard is faster).
 */
public final class BenchReport {

    private static final Pattern LINE = Pattern.compile(
            "\\{\"engine\":\"(\\w+)\",\"workload\":\"(\\w+)\",\"threads\":(\\d+),\"samples_per_s\":([\\d.]+),\"us_per_step\":([\\d.]+)}");

    private BenchReport() {
    }

    record Measurement(String engine, String workload, int threads, double samplesPerSecond, double usPerStep) {
    }

    public static void main(String[] args) throws Exception {
        List<Measurement> measurements = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            Matcher m = LINE.matcher(line.trim());
            if (m.matches()) {
                measurements.add(new Measurement(m.group(1), m.group(2), Integer.parseInt(m.group(3)),
                        Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5))));
            }
        }
        Map<String, List<Measurement>> byKey = new LinkedHashMap<>();
        for (Measurement m : measurements) {
            byKey.computeIfAbsent(m.workload() + "/" + m.threads() + "/" + m.engine(), key -> new ArrayList<>()).add(m);
        }
        List<Measurement> medians = byKey.values().stream().map(BenchReport::median).toList();
        StringBuilder json = new StringBuilder("{\n  \"machine\": \"").append(args.length > 1 ? args[1] : "")
                .append("\",\n  \"medians\": [\n");
        List<String> rows = new ArrayList<>();
        for (Measurement m : medians) {
            List<Measurement> all = byKey.get(m.workload() + "/" + m.threads() + "/" + m.engine());
            rows.add(String.format(Locale.ROOT,
                    "    {\"workload\": \"%s\", \"engine\": \"%s\", \"threads\": %d, \"samples_per_s\": %.1f, "
                            + "\"us_per_step\": %.1f, \"runs_samples_per_s\": %s}",
                    m.workload(), m.engine(), m.threads(), m.samplesPerSecond(), m.usPerStep(),
                    all.stream().map(r -> String.format(Locale.ROOT, "%.1f", r.samplesPerSecond())).toList()));
        }
        json.append(String.join(",\n", rows)).append("\n  ],\n  \"ratios\": [\n");
        List<String> ratios = new ArrayList<>();
        Map<String, Measurement> trainyard = new LinkedHashMap<>();
        medians.stream().filter(m -> m.engine().equals("trainyard"))
                .forEach(m -> trainyard.put(m.workload() + "/" + m.threads(), m));
        for (Measurement peer : medians) {
            Measurement ours = trainyard.get(peer.workload() + "/" + peer.threads());
            if (peer.engine().equals("trainyard") || ours == null) {
                continue;
            }
            ratios.add(String.format(Locale.ROOT,
                    "    {\"workload\": \"%s\", \"threads\": %d, \"versus\": \"%s\", \"samples_per_s_ratio\": %.2f}",
                    peer.workload(), peer.threads(), peer.engine(), ours.samplesPerSecond() / peer.samplesPerSecond()));
        }
        json.append(String.join(",\n", ratios)).append("\n  ]\n}");
        System.out.println(json);
    }

    /** The run with the median throughput (the lower middle one for an even count). */
    private static Measurement median(List<Measurement> runs) {
        List<Measurement> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(Measurement::samplesPerSecond));
        return sorted.get((sorted.size() - 1) / 2);
    }
}
