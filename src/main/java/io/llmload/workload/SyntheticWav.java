package io.llmload.workload;

import java.util.Random;

/**
 * A synthetic WAV clip: 16 kHz, 16-bit PCM, mono — the format speech models resample to — holding a
 * tone under seeded noise, so its size is that of real speech of the same length (32 000 bytes a
 * second). Same arguments, same bytes.
 */
public final class SyntheticWav {
    public static final int SAMPLE_RATE = 16_000;
    private static final int HEADER_BYTES = 44;

    private SyntheticWav() {
    }

    public static byte[] of(double seconds, long seed) {
        int samples = (int) Math.max(1, Math.round(seconds * SAMPLE_RATE));
        int dataBytes = samples * 2;
        byte[] out = new byte[HEADER_BYTES + dataBytes];
        ascii(out, 0, "RIFF");
        le32(out, 4, 36 + dataBytes);
        ascii(out, 8, "WAVE");
        ascii(out, 12, "fmt ");
        le32(out, 16, 16);          // fmt chunk size
        le16(out, 20, 1);           // PCM
        le16(out, 22, 1);           // mono
        le32(out, 24, SAMPLE_RATE);
        le32(out, 28, SAMPLE_RATE * 2); // byte rate
        le16(out, 32, 2);           // block align
        le16(out, 34, 16);          // bits per sample
        ascii(out, 36, "data");
        le32(out, 40, dataBytes);
        Random random = new Random(seed);
        for (int i = 0; i < samples; i++) {
            double tone = Math.sin(2 * Math.PI * 220 * i / SAMPLE_RATE) * 6000;
            le16(out, HEADER_BYTES + 2 * i, (int) Math.round(tone + random.nextGaussian() * 1500));
        }
        return out;
    }

    /** The length in seconds of a PCM WAV from its header (byte rate and data size), or -1 when it is not one. */
    public static double seconds(byte[] wav) {
        if (wav.length < HEADER_BYTES || wav[0] != 'R' || wav[1] != 'I' || wav[2] != 'F' || wav[3] != 'F'
                || wav[8] != 'W' || wav[9] != 'A' || wav[10] != 'V' || wav[11] != 'E') {
            return -1;
        }
        int byteRate = getLe32(wav, 28);
        int at = 12;
        while (at + 8 <= wav.length) {
            int size = getLe32(wav, at + 4);
            if (wav[at] == 'd' && wav[at + 1] == 'a' && wav[at + 2] == 't' && wav[at + 3] == 'a') {
                return byteRate <= 0 ? -1 : (double) Integer.toUnsignedLong(size) / byteRate;
            }
            at += 8 + Math.max(0, size);
        }
        return -1;
    }

    private static void ascii(byte[] b, int at, String s) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) s.charAt(i);
        }
    }

    private static void le16(byte[] b, int at, int v) {
        int c = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
        b[at] = (byte) c;
        b[at + 1] = (byte) (c >>> 8);
    }

    private static void le32(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    private static int getLe32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
