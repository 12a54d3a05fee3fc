package dev.trainyard.dataset;

import dev.trainyard.system.ApiException;
import dev.trainyard.system.ProblemType;

/** A dataset that cannot be used as sent; the message points at the fault and says how to fix it. */
class DatasetException extends ApiException {

    DatasetException(String detail) {
        super(ProblemType.INVALID_DATASET, detail);
    }

    DatasetException(ProblemType kind, String detail) {
        super(kind, detail);
    }
}
