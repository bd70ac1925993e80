package io.llmload.scenario;

import java.io.ByteArrayOutputStream;

/**
 * Writes ASN.1 DER elements: enough to wrap a traditional (PKCS#1 or SEC 1) key as PKCS#8 for the
 * JDK's key factories, and for the tests to build certificates without a keytool process each.
 */
public final class Der {
    private Der() {
    }

    /** One element: the tag, the definite length, then the parts one after another. */
    public static byte[] element(int tag, byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            body.writeBytes(p);
        }
        int n = body.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream(n + 5);
        out.write(tag);
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }
}
