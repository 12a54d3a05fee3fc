package dev.trainyard.job;

import java.util.regex.Pattern;

/**
 * Where a client is in a job's events: the last transition id, the last epoch and the last diagnostics finding it
 * received. Sent as each event's id ({@code T.E.F}); a client that reconnects with it as {@code Last-Event-ID} gets
 * exactly what came after. An id of two parts ({@code T.E}, from before findings were streamed) means no finding yet.
 */
record EventCursor(long transition, int epoch, long finding) {

    private static final EventCursor START = new EventCursor(0, -1, 0);
    /** What {@link #id()} writes; the digit counts keep every part in range of its type. */
    private static final Pattern ID = Pattern.compile("\\d{1,18}\\.(-1|\\d{1,9})(\\.\\d{1,18})?");

    static EventCursor parse(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return START;
        }
        String id = lastEventId.strip();
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Last-Event-ID must be an id this stream sent (like 12.40.3), was '"
                    + lastEventId + "'");
        }
        String[] parts = id.split("\\.");
        return new EventCursor(Long.parseLong(parts[0]), Integer.parseInt(parts[1]),
                parts.length > 2 ? Long.parseLong(parts[2]) : 0);
    }

    /** The cursor once {@code event} is sent. */
    EventCursor past(JobEventReader.Event event) {
        return new EventCursor(Math.max(transition, event.transition()), Math.max(epoch, event.epoch()),
                Math.max(finding, event.finding()));
    }

    String id() {
        return transition + "." + epoch + "." + finding;
    }
}
