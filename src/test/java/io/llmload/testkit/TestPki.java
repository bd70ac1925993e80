package io.llmload.testkit;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed certificates with their private keys as PEM files, made by the JDK's keytool (no
 * openssl needed): {@code NAME.pem} (the certificate), {@code NAME.key} (PKCS#8) and {@code NAME.p12}
 * (both, password {@code changeit}). The certificate is for 127.0.0.1 and localhost.
 */
public final class TestPki {
    public static final String PASSWORD = "changeit";

    private TestPki() {
    }

    /** A certificate and its key in {@code dir}; {@code algorithm} is {@code EC} (P-256) or {@code RSA} (2048 bits). */
    public record Issued(Path cert, Path key, Path p12, PrivateKey privateKey) {
    }

    public static Issued issue(Path dir, String name, String algorithm) throws Exception {
        Path p12 = dir.resolve(name + ".p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        String size = algorithm.equals("EC") ? "-groupname" : "-keysize";
        String sizeValue = algorithm.equals("EC") ? "secp256r1" : "2048";
        // keytool is a JVM of its own: the C1 compiler alone starts it in half the time (ForkedJvm.FAST_START).
        run(keytool, "-J-XX:TieredStopAtLevel=1", "-genkeypair", "-alias", name, "-keyalg", algorithm, size, sizeValue, "-dname", "CN=" + name,
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", p12.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            store.load(in, PASSWORD.toCharArray());
        }
        PrivateKey key = (PrivateKey) store.getKey(name, PASSWORD.toCharArray());
        Certificate cert = store.getCertificate(name);
        Path certPem = Files.writeString(dir.resolve(name + ".pem"), pem("CERTIFICATE", cert.getEncoded()));
        Path keyPem = Files.writeString(dir.resolve(name + ".key"), pem("PRIVATE KEY", key.getEncoded()));
        return new Issued(certPem, keyPem, p12, key);
    }

    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }
}
