package dev.trainyard.sweep;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Sweeps for other features (races): a feature builds a {@link SweepRequest} from a request of its own and starts it
 * as a sweep of its {@code kind}, checked, stored and run as any sweep, keeping that request beside it; it then finds,
 * lists and cancels only its own kind, each {@link Kept} with the request it was built from.
 */
@Component
public class Sweeps {

    private final SweepService sweeps;
    private final SweepProperties properties;

    Sweeps(SweepService sweeps, SweepProperties properties) {
        this.sweeps = sweeps;
        this.properties = properties;
    }

    /** The most trials one sweep may have: {@code trainyard.sweeps.max-trials}. */
    public int maxTrials() {
        return properties.maxTrials();
    }

    /** A sweep as its API shows it (with its trials when found alone), and the feature's request it was built from. */
    public record Kept(SweepResponse sweep, String request) {
    }

    /**
     * Checks, stores and starts {@code request} as a sweep of {@code kind}, keeping {@code kindRequest}; a 400
     * ApiException names the sweep's fields (template.*, parameters[i], objective.*, limits.*) otherwise.
     */
    public SweepResponse start(String owner, SweepRequest request, String kind, String kindRequest) {
        return sweeps.create(owner, request, kind, kindRequest);
    }

    /** The owner's sweep {@code id} if it is of {@code kind}. */
    public Optional<Kept> find(String owner, String id, String kind) {
        return sweeps.find(owner, id, kind);
    }

    /** The owner's sweeps of {@code kind}, newest first, without their trials. */
    public List<Kept> list(String owner, String kind) {
        return sweeps.list(owner, kind);
    }

    /** Cancels the owner's sweep {@code id} as POST /api/v1/sweeps/{id}/cancel does, if it is of {@code kind}. */
    public Optional<Kept> cancel(String owner, String id, String kind) {
        return find(owner, id, kind).map(found -> new Kept(sweeps.cancel(owner, id), found.request()));
    }
}
