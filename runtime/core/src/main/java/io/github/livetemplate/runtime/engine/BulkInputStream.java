package io.github.livetemplate.runtime.engine;

import java.io.IOException;
import java.io.InputStream;

/**
 * An {@link InputStream} that is read in blocks: subclasses implement {@link #read(byte[], int,
 * int)} only, and the single-byte {@link #read()} goes through it.
 */
public abstract class BulkInputStream extends InputStream {
    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;
}
