package dev.trainyard.engine.tensor;

import org.nd4j.linalg.api.buffer.DataType;

/** Training runs in FLOAT; gradient checks run the same code in DOUBLE. */
public enum Precision {
    FLOAT(DataType.FLOAT), DOUBLE(DataType.DOUBLE);

    final DataType dataType;

    Precision(DataType dataType) {
        this.dataType = dataType;
    }
}
