package dev.trainyard.job;

import java.util.regex.Pattern;

/**
 * Where a client is in a job's events: the last transition id and the last epoch it received. Sent as each event's id
 * ({@code T.E}); a client that reconnects with it as {@code Last-Event-ID} gets exactly what came after.
 */
record EventCursor(long transition, int epoch) {

    private static final EventCursor START = new EventCursor(0, -1);
    /** What {@link #id()} writes; the digit counts keep both parts in range of their types. */
    private static final Pattern ID = Pattern.compile("\\d{1,18}\\.(-1|\\d{1,9})");

    static EventCursor parse(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return START;
        }
        String id = lastEventId.strip();
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Last-Event-ID must be an id this stream sent (like 12.40), was '"
                    + lastEventId + "'");
        }
        String[] parts = id.split("\\.");
        return new EventCursor(Long.parseLong(parts[0]), Integer.parseInt(parts[1]));
    }

    /** The cursor once {@code event} is sent. */
    EventCursor past(JobEventReader.Event event) {
        return new EventCursor(Math.max(transition, event.transition()), Math.max(epoch, event.epoch()));
    }

    String id() {
        return transition + "." + epoch;
    }
}
