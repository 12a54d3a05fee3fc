package dev.trainyard.engine.tensor;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A row-major matrix in ND4J's off-heap memory, reachable two ways: as an INDArray for native
 * operations (large matrix products) and through a zero-copy NIO view for JVM loops, which beat a
 * native call for the small tensors most jobs have (a native call costs tens of microseconds
 * whatever its size). Views share memory with their parent: parameters and gradients each live in
 * one flat tensor, and every layer sees its slice as a matrix.
 */
public final class Tensor {

    private final INDArray array;
    private final FloatBuffer floats;
    private final DoubleBuffer doubles;
    private final int rows;
    private final int cols;

    private Tensor(INDArray array, int rows, int cols) {
        this.array = array;
        this.rows = rows;
        this.cols = cols;
        boolean isFloat = array.dataType() == Precision.FLOAT.dataType;
        // The NIO view covers the whole underlying buffer, positioned at this array's first element.
        this.floats = isFloat ? array.data().asNioFloat().slice() : null;
        this.doubles = isFloat ? null : array.data().asNioDouble().slice();
    }

    public static Tensor zeros(Precision precision, int rows, int cols) {
        return new Tensor(Nd4j.zeros(precision.dataType, rows, cols), rows, cols);
    }

    public static Tensor of(Precision precision, double[][] values) {
        Tensor tensor = zeros(precision, values.length, values.length == 0 ? 0 : values[0].length);
        for (int r = 0; r < tensor.rows; r++) {
            for (int c = 0; c < tensor.cols; c++) {
                tensor.set(r, c, values[r][c]);
            }
        }
        return tensor;
    }

    /** A rows x cols matrix over the elements [offset, offset + rows * cols) of this tensor, sharing its memory. */
    public Tensor view(int offset, int rows, int cols) {
        int length = rows * cols;
        if (offset < 0 || offset + length > size()) {
            throw new IllegalArgumentException("view [" + offset + ", " + (offset + length) + ") lies outside a tensor of "
                    + size() + " elements");
        }
        INDArray flat = array.reshape('c', 1, size());
        INDArray slice = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + length));
        return new Tensor(slice.reshape('c', rows, cols), rows, cols);
    }

    /** The first {@code rows} rows, sharing memory: a batch buffer sized for the largest batch serves a smaller last one. */
    public Tensor topRows(int rows) {
        return rows == this.rows ? this : view(0, rows, cols);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int size() {
        return rows * cols;
    }

    public Precision precision() {
        return floats != null ? Precision.FLOAT : Precision.DOUBLE;
    }

    public double get(int index) {
        return floats != null ? floats.get(index) : doubles.get(index);
    }

    public void set(int index, double value) {
        if (floats != null) {
            floats.put(index, (float) value);
        } else {
            doubles.put(index, value);
        }
    }

    public double get(int row, int col) {
        return get(row * cols + col);
    }

    public void set(int row, int col, double value) {
        set(row * cols + col, value);
    }

    public void fill(double value) {
        for (int i = 0; i < size(); i++) {
            set(i, value);
        }
    }

    public void copyFrom(Tensor source) {
        requireSameShape(source);
        for (int i = 0; i < size(); i++) {
            set(i, source.get(i));
        }
    }

    public double[] toArray() {
        double[] values = new double[size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = get(i);
        }
        return values;
    }

    public void setAll(double[] values) {
        if (values.length != size()) {
            throw new IllegalArgumentException("expected " + size() + " values, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            set(i, values[i]);
        }
    }

    FloatBuffer floats() {
        return floats;
    }

    DoubleBuffer doubles() {
        return doubles;
    }

    INDArray array() {
        return array;
    }

    void requireSameShape(Tensor other) {
        if (other.rows != rows || other.cols != cols) {
            throw new IllegalArgumentException("shapes differ: " + rows + "x" + cols + " and " + other.rows + "x" + other.cols);
        }
    }

    @Override
    public String toString() {
        return rows + "x" + cols + " " + precision();
    }
}
