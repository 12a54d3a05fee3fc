package dev.trainyard.engine;

/**
 * The engine's one source of randomness: SplitMix64 (Steele, Lea and Flood, 2014), whose whole
 * state is one long, so a checkpoint can save and restore it exactly. Independent streams for
 * initialization, shuffling, dropout and augmentation come from {@link #stream(long)}.
 */
public final class Rng {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long state;
    private boolean hasSpareGaussian;
    private double spareGaussian;

    public Rng(long seed) {
        this.state = seed;
    }

    /** An independent stream for one purpose, derived from a seed and a purpose constant. */
    public static Rng stream(long seed, long purpose) {
        return new Rng(mix(seed ^ mix(purpose + GOLDEN_GAMMA)));
    }

    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in [0, 1), from the top 53 bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound), without modulo bias (Lemire's method with rejection). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be > 0, was " + bound);
        }
        long product = (nextLong() >>> 33) * bound;
        long low = product & 0x7fffffffL;
        if (low < bound) {
            long threshold = (0x80000000L - bound) % bound;
            while (low < threshold) {
                product = (nextLong() >>> 33) * bound;
                low = product & 0x7fffffffL;
            }
        }
        return (int) (product >>> 31);
    }

    /** Standard normal, by the polar Box-Muller method; the second value of each pair is kept for the next call. */
    public double nextGaussian() {
        if (hasSpareGaussian) {
            hasSpareGaussian = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double factor = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * factor;
        hasSpareGaussian = true;
        return u * factor;
    }

    /** Fisher-Yates shuffle of the whole array. */
    public void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    /** The complete state, for checkpoints. */
    public State save() {
        return new State(state, hasSpareGaussian, spareGaussian);
    }

    public void restore(State saved) {
        state = saved.state();
        hasSpareGaussian = saved.hasSpareGaussian();
        spareGaussian = saved.spareGaussian();
    }

    public record State(long state, boolean hasSpareGaussian, double spareGaussian) {
    }

    /** Stafford's variant 13 of the MurmurHash3 finalizer, as in SplitMix64. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
