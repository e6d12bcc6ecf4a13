package io.maskflow.sdk.store;

import io.maskflow.contracts.ArtifactRef;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Hashes what passes through and, at the end of the stream, compares size and SHA-256 with the reference; for an
 * object whose SHA-256 is not known (written by another tool), the size alone.
 */
final class VerifyingInputStream extends FilterInputStream {

    private final String uri;
    private final long size;
    private final String sha256;
    private final MessageDigest digest = Hashing.sha256();
    private long count;
    private boolean verified;

    VerifyingInputStream(InputStream in, ArtifactRef expected) {
        this(in, expected.uri(), expected.size(), expected.sha256());
    }

    VerifyingInputStream(InputStream in, String uri, long size, String sha256) {
        super(in);
        this.uri = uri;
        this.size = size;
        this.sha256 = sha256;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            verify();
        } else {
            digest.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            verify();
        } else {
            digest.update(buffer, offset, n);
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skipping would defeat the checksum; read the artifact instead");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void verify() throws IOException {
        if (verified) {
            return;
        }
        verified = true;
        if (count != size) {
            throw new ArtifactCorruptedException(uri + ": read " + count + " bytes, expected " + size);
        }
        if (sha256 == null) {
            return;
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(sha256)) {
            throw new ArtifactCorruptedException(uri + ": content has SHA-256 " + actual + ", expected " + sha256);
        }
    }
}
