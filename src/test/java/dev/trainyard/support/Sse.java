package dev.trainyard.support;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Parses a text/event-stream body into its events. */
public final class Sse {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Event(String id, String name, JsonNode data) {
    }

    private Sse() {
    }

    public static List<Event> parse(String stream) {
        List<Event> events = new ArrayList<>();
        for (String block : stream.replace("\r\n", "\n").split("\n\n")) {
            String id = null;
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                }
            }
            if (!data.isEmpty()) {
                events.add(new Event(id, name, JSON.readTree(data.toString())));
            }
        }
        return events;
    }
}
