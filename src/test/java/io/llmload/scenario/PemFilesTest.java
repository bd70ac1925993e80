package io.llmload.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.testkit.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PemFiles} accepts every key layout the HTTP client loads (PKCS#8, and the "traditional"
 * PKCS#1 RSA and SEC1 EC files openssl writes) and refuses what it cannot, naming the file.
 */
class PemFilesTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "EC"})
    void aCertificateAndItsPkcs8KeyLoadAndAChainOfTwoToo(String algorithm) throws Exception {
        TestPki.Issued a = TestPki.issue(tmp, "a", algorithm);
        TestPki.Issued b = TestPki.issue(tmp, "b", "EC");
        assertThat(PemFiles.certificateProblem(a.cert().toString())).isNull();
        assertThat(PemFiles.privateKeyProblem(a.key().toString(), a.cert().toString())).isNull();
        Path chain = Files.writeString(tmp.resolve("chain.pem"), Files.readString(a.cert()) + Files.readString(b.cert()));
        assertThat(PemFiles.certificateProblem(chain.toString())).isNull();
        assertThat(PemFiles.privateKeyProblem(a.key().toString(), chain.toString())).as("the key of the first certificate").isNull();
        assertThat(PemFiles.privateKeyProblem(b.key().toString(), chain.toString())).contains("is not the private key of the certificate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "EC"})
    void opensslsTraditionalKeyFilesLoad(String algorithm) throws Exception {
        TestPki.Issued issued = TestPki.issue(tmp, "t", algorithm);
        Path traditional = tmp.resolve("traditional.key");
        Assumptions.assumeTrue(openssl("pkey", "-in", issued.key().toString(), "-traditional", "-out", traditional.toString()),
                "openssl 3 on the PATH");
        String label = algorithm.equals("RSA") ? "RSA PRIVATE KEY" : "EC PRIVATE KEY";
        assertThat(Files.readString(traditional)).startsWith("-----BEGIN " + label + "-----");
        assertThat(PemFiles.privateKeyProblem(traditional.toString(), issued.cert().toString())).isNull();
        // Cut short, the same file no longer loads.
        String text = Files.readString(traditional);
        int mid = text.indexOf('\n', text.length() / 2);
        Path cut = Files.writeString(tmp.resolve("cut.key"), text.substring(0, mid) + "\n-----END " + label + "-----\n");
        assertThat(PemFiles.privateKeyProblem(cut.toString(), null)).contains("does not load");
    }

    @Test
    void whatIsWrongNamesTheFile() throws Exception {
        assertThat(PemFiles.certificateProblem(tmp.resolve("missing.pem").toString()))
                .isEqualTo("cannot read '" + tmp.resolve("missing.pem") + "'");
        Path big = Files.write(tmp.resolve("big.pem"), new byte[(int) PemFiles.MAX_BYTES + 1]);
        assertThat(PemFiles.certificateProblem(big.toString())).isEqualTo("'" + big + "' is larger than 1 MiB: not a PEM certificate or key file");
        Path badBase64 = Files.writeString(tmp.resolve("b64.pem"), "-----BEGIN CERTIFICATE-----\n***\n-----END CERTIFICATE-----\n");
        assertThat(PemFiles.certificateProblem(badBase64.toString())).isEqualTo("'" + badBase64 + "': the certificate is not valid base64");
        Path der = Files.write(tmp.resolve("cert.der"), new byte[] {0x30, (byte) 0x82, 0x01, 0x0a});
        assertThat(PemFiles.certificateProblem(der.toString())).contains("is not a PEM certificate");
        Path text = Files.writeString(tmp.resolve("k.txt"), "sk-not-a-key", StandardCharsets.US_ASCII);
        assertThat(PemFiles.privateKeyProblem(text.toString(), null)).startsWith("'" + text + "' is not a PEM private key")
                .doesNotContain("sk-not-a-key");
    }

    private static boolean openssl(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
