package dev.storefront.simulator.bulk;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A minimal JSON writer for bulk results, writing straight to bytes. It escapes forward slashes
 * ({@code "gid:\/\/shopify\/Order\/1"}) as Shopify's JSONL does, and is several times faster than building
 * trees: a million-order export is mostly this loop.
 */
final class JsonLines implements AutoCloseable {

    private static final byte[] HEX = "0123456789abcdef".getBytes();

    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private long written;

    JsonLines(OutputStream out) {
        this.out = out;
    }

    long bytesWritten() {
        return written + position;
    }

    void raw(char c) throws IOException {
        if (position == buffer.length) {
            flushBuffer();
        }
        buffer[position++] = (byte) c;
    }

    void raw(String ascii) throws IOException {
        for (int i = 0; i < ascii.length(); i++) {
            raw(ascii.charAt(i));
        }
    }

    void name(String name) throws IOException {
        string(name);
        raw(':');
    }

    /** Pre-encoded bytes, such as a property name with its quotes and colon. */
    void bytes(byte[] encoded) throws IOException {
        if (buffer.length - position < encoded.length) {
            flushBuffer();
        }
        if (encoded.length > buffer.length) {
            out.write(encoded);
            written += encoded.length;
            return;
        }
        System.arraycopy(encoded, 0, buffer, position, encoded.length);
        position += encoded.length;
    }

    void number(long value) throws IOException {
        raw(Long.toString(value));
    }

    void string(String value) throws IOException {
        int length = value.length();
        // worst case 6 bytes per char; when that fits, the loop below needs no bounds checks of its own
        boolean roomy = length * 6 + 2 <= buffer.length - position;
        if (!roomy && buffer.length - position < 8) {
            flushBuffer();
            roomy = length * 6 + 2 <= buffer.length;
        }
        buffer[position++] = '"';
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (!roomy && buffer.length - position < 8) {
                flushBuffer();
            }
            if (c == '"' || c == '\\' || c == '/') {
                buffer[position++] = '\\';
                buffer[position++] = (byte) c;
            } else if (c < 0x20) {
                buffer[position++] = '\\';
                buffer[position++] = 'u';
                buffer[position++] = '0';
                buffer[position++] = '0';
                buffer[position++] = HEX[c >> 4];
                buffer[position++] = HEX[c & 0xF];
            } else if (c < 0x80) {
                buffer[position++] = (byte) c;
            } else if (c < 0x800) {
                buffer[position++] = (byte) (0xC0 | (c >> 6));
                buffer[position++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()) {
                int code = Character.toCodePoint(c, value.charAt(++i));
                buffer[position++] = (byte) (0xF0 | (code >> 18));
                buffer[position++] = (byte) (0x80 | ((code >> 12) & 0x3F));
                buffer[position++] = (byte) (0x80 | ((code >> 6) & 0x3F));
                buffer[position++] = (byte) (0x80 | (code & 0x3F));
            } else {
                buffer[position++] = (byte) (0xE0 | (c >> 12));
                buffer[position++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buffer[position++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        raw('"');
    }

    private void flushBuffer() throws IOException {
        out.write(buffer, 0, position);
        written += position;
        position = 0;
    }

    @Override
    public void close() throws IOException {
        flushBuffer();
        out.close();
    }
}
