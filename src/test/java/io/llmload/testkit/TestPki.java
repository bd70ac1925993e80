package io.llmload.testkit;

import io.llmload.scenario.Der;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.text.SimpleDateFormat;
import java.util.Base64;
import java.util.Date;
import java.util.TimeZone;

/**
 * Self-signed certificates with their private keys as PEM files, made in this JVM with the JDK's
 * own key generators and signatures (no openssl, and no keytool process: one took seconds to start
 * on a busy machine): {@code NAME.pem} (the certificate), {@code NAME.key} (PKCS#8) and
 * {@code NAME.p12} (both, password {@code changeit}). The certificate is an X.509 v3 one for
 * 127.0.0.1 and localhost (subjectAltName), as {@code keytool -genkeypair -ext SAN=...} makes it,
 * valid from a minute ago for two days; the JDK's CertificateFactory parses it before it is used.
 */
public final class TestPki {
    public static final String PASSWORD = "changeit";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestPki() {
    }

    /** A certificate and its key in {@code dir}; {@code algorithm} is {@code EC} (P-256) or {@code RSA} (2048 bits). */
    public record Issued(Path cert, Path key, Path p12, PrivateKey privateKey) {
    }

    public static Issued issue(Path dir, String name, String algorithm) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (algorithm.equals("EC")) {
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        } else {
            generator.initialize(2048, RANDOM);
        }
        KeyPair pair = generator.generateKeyPair();
        X509Certificate cert = selfSigned(pair, name, algorithm);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(name, pair.getPrivate(), PASSWORD.toCharArray(), new Certificate[] {cert});
        Path p12 = dir.resolve(name + ".p12");
        try (OutputStream out = Files.newOutputStream(p12)) {
            store.store(out, PASSWORD.toCharArray());
        }
        Path certPem = Files.writeString(dir.resolve(name + ".pem"), pem("CERTIFICATE", cert.getEncoded()));
        Path keyPem = Files.writeString(dir.resolve(name + ".key"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        return new Issued(certPem, keyPem, p12, pair.getPrivate());
    }

    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    // ---- X.509 (RFC 5280) in DER, the few shapes a self-signed certificate needs ----

    private static final byte[] SHA256_WITH_RSA = Der.element(0x30, oid(1, 2, 840, 113549, 1, 1, 11), new byte[] {0x05, 0x00});
    private static final byte[] ECDSA_WITH_SHA256 = Der.element(0x30, oid(1, 2, 840, 10045, 4, 3, 2));

    private static X509Certificate selfSigned(KeyPair pair, String name, String algorithm) throws Exception {
        boolean rsa = algorithm.equals("RSA");
        byte[] signatureAlgorithm = rsa ? SHA256_WITH_RSA : ECDSA_WITH_SHA256;
        byte[] subject = Der.element(0x30, Der.element(0x31, Der.element(0x30, oid(2, 5, 4, 3), Der.element(0x0c, name.getBytes(StandardCharsets.UTF_8)))));
        long now = System.currentTimeMillis();
        byte[] validity = Der.element(0x30, utcTime(now - 60_000), utcTime(now + 2 * 86_400_000L));
        // subjectAltName: iPAddress [7] 127.0.0.1 and dNSName [2] localhost
        byte[] names = Der.element(0x30, Der.element(0x87, new byte[] {127, 0, 0, 1}), Der.element(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)));
        byte[] extensions = Der.element(0xa3, Der.element(0x30, Der.element(0x30, oid(2, 5, 29, 17), Der.element(0x04, names))));
        byte[] tbs = Der.element(0x30, Der.element(0xa0, Der.element(0x02, new byte[] {2})), Der.element(0x02, new BigInteger(63, RANDOM).add(BigInteger.ONE).toByteArray()),
                signatureAlgorithm, subject, validity, subject, pair.getPublic().getEncoded(), extensions);
        Signature signer = Signature.getInstance(rsa ? "SHA256withRSA" : "SHA256withECDSA");
        signer.initSign(pair.getPrivate());
        signer.update(tbs);
        byte[] signature = signer.sign();
        byte[] bits = new byte[signature.length + 1]; // a BIT STRING: no unused bits, then the signature
        System.arraycopy(signature, 0, bits, 1, signature.length);
        byte[] encoded = Der.element(0x30, tbs, signatureAlgorithm, Der.element(0x03, bits));
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(encoded));
        cert.verify(pair.getPublic());
        return cert;
    }

    private static byte[] utcTime(long millis) {
        SimpleDateFormat format = new SimpleDateFormat("yyMMddHHmmss'Z'");
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        return Der.element(0x17, format.format(new Date(millis)).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] oid(int... arcs) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(arcs[0] * 40 + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            int arc = arcs[i];
            int shift = 28;
            while (shift > 0 && (arc >>> shift) == 0) {
                shift -= 7;
            }
            for (; shift > 0; shift -= 7) {
                body.write(0x80 | ((arc >>> shift) & 0x7f));
            }
            body.write(arc & 0x7f);
        }
        return Der.element(0x06, body.toByteArray());
    }
}
