package io.maskflow.serving;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A request body read up to a limit: one byte more is {@link TooLarge} (a 413), whatever the declared length. */
final class Bounded extends FilterInputStream {

    private final long max;
    private long read;

    Bounded(InputStream in, long max) {
        super(in);
        this.max = max;
    }

    /** The body went past the limit. */
    static final class TooLarge extends IOException {
        TooLarge(long max) {
            super("the body is larger than the " + max + " bytes a v2 inference request may have "
                    + "(maskflow.serving.v2.max-body-size)", null);
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, (int) Math.min(len, max - read + 1));
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(Math.min(n, max - read + 1));
        count(skipped);
        return skipped;
    }

    private void count(long n) throws TooLarge {
        read += n;
        if (read > max) {
            throw new TooLarge(max);
        }
    }
}
