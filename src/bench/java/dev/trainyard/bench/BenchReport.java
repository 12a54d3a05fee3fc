package dev.trainyard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Joins the JSON lines of one benchmark run into one document: every measurement, and for each
 * workload and thread setting the ratios of Trainyard to each peer (above 1: Trainyard is faster).
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
        StringBuilder json = new StringBuilder("{\n  \"machine\": \"").append(args.length > 1 ? args[1] : "")
                .append("\",\n  \"results\": [\n");
        for (int i = 0; i < measurements.size(); i++) {
            Measurement m = measurements.get(i);
            json.append(String.format(Locale.ROOT,
                    "    {\"workload\": \"%s\", \"engine\": \"%s\", \"threads\": %d, \"samples_per_s\": %.1f, \"us_per_step\": %.1f}%s%n",
                    m.workload(), m.engine(), m.threads(), m.samplesPerSecond(), m.usPerStep(),
                    i + 1 < measurements.size() ? "," : ""));
        }
        json.append("  ],\n  \"ratios\": [\n");
        List<String> ratios = new ArrayList<>();
        Map<String, Measurement> trainyard = new LinkedHashMap<>();
        measurements.stream().filter(m -> m.engine().equals("trainyard"))
                .forEach(m -> trainyard.put(m.workload() + "/" + m.threads(), m));
        for (Measurement peer : measurements) {
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
}
