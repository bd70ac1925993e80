package io.llmload.workload;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A synthetic RGB PNG of a given size, written with {@link Deflater} and {@link CRC32} alone (no
 * java.desktop module in the jlink runtime). The pixels are a colour gradient with seeded noise on
 * top, so the file is about as large as a photograph's PNG of that size (a flat colour would compress
 * to a few hundred bytes and understate what a vision request uploads). Same arguments, same bytes.
 */
public final class SyntheticPng {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    /** Noise amplitude per channel: enough that deflate keeps most of the raw size, as with a photo. */
    private static final int NOISE = 48;

    private SyntheticPng() {
    }

    public static byte[] of(int width, int height, long seed) {
        Random random = new Random(seed);
        byte[] raw = new byte[height * (1 + 3 * width)];
        int i = 0;
        for (int y = 0; y < height; y++) {
            raw[i++] = 0; // filter type None for every scanline
            for (int x = 0; x < width; x++) {
                raw[i++] = (byte) (x * 200 / Math.max(1, width) + random.nextInt(NOISE));
                raw[i++] = (byte) (y * 200 / Math.max(1, height) + random.nextInt(NOISE));
                raw[i++] = (byte) ((x + y) * 100 / Math.max(1, width + height) + 100 + random.nextInt(NOISE));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 1024);
        out.writeBytes(SIGNATURE);
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, width);
        putInt(ihdr, 4, height);
        ihdr[8] = 8;  // bit depth
        ihdr[9] = 2;  // colour type: truecolour RGB
        chunk(out, "IHDR", ihdr, ihdr.length);
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        deflater.setInput(raw);
        deflater.finish();
        ByteArrayOutputStream idat = new ByteArrayOutputStream(raw.length / 2 + 64);
        byte[] buf = new byte[64 * 1024];
        while (!deflater.finished()) {
            int n = deflater.deflate(buf);
            idat.write(buf, 0, n);
        }
        deflater.end();
        byte[] compressed = idat.toByteArray();
        chunk(out, "IDAT", compressed, compressed.length);
        chunk(out, "IEND", new byte[0], 0);
        return out.toByteArray();
    }

    /** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
    public static int[] size(byte[] png) {
        if (png.length < 24 || png[12] != 'I' || png[13] != 'H' || png[14] != 'D' || png[15] != 'R') {
            return null;
        }
        for (int k = 0; k < SIGNATURE.length; k++) {
            if (png[k] != SIGNATURE[k]) {
                return null;
            }
        }
        return new int[] {getInt(png, 16), getInt(png, 20)};
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data, int length) {
        byte[] head = new byte[8];
        putInt(head, 0, length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, head, 4, 4);
        out.writeBytes(head);
        out.write(data, 0, length);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data, 0, length);
        byte[] tail = new byte[4];
        putInt(tail, 0, (int) crc.getValue());
        out.writeBytes(tail);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static int getInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }
}
