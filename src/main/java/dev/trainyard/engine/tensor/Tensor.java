package dev.trainyard.engine.tensor;

import java.util.Arrays;

/**
 * A row-major matrix on the Java heap: a float[] (training) or double[] (gradient checks) with an
 * offset, so views share memory with their parent. Parameters and gradients each live in one
 * flat tensor and every layer sees its slice as a matrix; an optimizer passes over all of them
 * at once. Hot kernels read the backing arrays directly ({@link #floats()}), which the JIT turns
 * into vector instructions; large matrix products are handed to native BLAS ({@link NativeGemm}).
 */
public final class Tensor {

    private final float[] floats;
    private final double[] doubles;
    private final int offset;
    private final int rows;
    private final int cols;

    private Tensor(float[] floats, double[] doubles, int offset, int rows, int cols) {
        this.floats = floats;
        this.doubles = doubles;
        this.offset = offset;
        this.rows = rows;
        this.cols = cols;
    }

    public static Tensor zeros(Precision precision, int rows, int cols) {
        int size = Math.multiplyExact(rows, cols);
        return precision == Precision.FLOAT ? new Tensor(new float[size], null, 0, rows, cols)
                : new Tensor(null, new double[size], 0, rows, cols);
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
        return new Tensor(floats, doubles, this.offset + offset, rows, cols);
    }

    /** The first {@code rows} rows, sharing memory: a batch buffer sized for the largest batch serves a smaller one. */
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
        return floats != null ? floats[offset + index] : doubles[offset + index];
    }

    public void set(int index, double value) {
        if (floats != null) {
            floats[offset + index] = (float) value;
        } else {
            doubles[offset + index] = value;
        }
    }

    public double get(int row, int col) {
        return get(row * cols + col);
    }

    public void set(int row, int col, double value) {
        set(row * cols + col, value);
    }

    public void fill(double value) {
        if (floats != null) {
            Arrays.fill(floats, offset, offset + size(), (float) value);
        } else {
            Arrays.fill(doubles, offset, offset + size(), value);
        }
    }

    public void copyFrom(Tensor source) {
        requireSameShape(source);
        if (floats != null && source.floats != null) {
            System.arraycopy(source.floats, source.offset, floats, offset, size());
        } else if (doubles != null && source.doubles != null) {
            System.arraycopy(source.doubles, source.offset, doubles, offset, size());
        } else {
            for (int i = 0; i < size(); i++) {
                set(i, source.get(i));
            }
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

    /** The backing float array (null in double precision); element i of this tensor is floats()[offset() + i]. */
    public float[] floats() {
        return floats;
    }

    /** The backing double array (null in single precision). */
    public double[] doubles() {
        return doubles;
    }

    public int offset() {
        return offset;
    }

    public boolean isFloat() {
        return floats != null;
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
