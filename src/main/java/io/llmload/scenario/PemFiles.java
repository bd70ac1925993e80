package io.llmload.scenario;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the PEM files of {@code target.http} the way the HTTP client will (Vert.x's
 * {@code PemTrustOptions} and {@code PemKeyCertOptions}: blocks between {@code -----BEGIN X-----}
 * and {@code -----END X-----}, X.509 certificates, and RSA or EC private keys as PKCS#8, PKCS#1 or
 * SEC1), with the JDK's parsers, so that a file that cannot work is a scenario problem at
 * validation rather than every request failing later. Each method returns null when the file
 * loads, else one sentence naming the file and what is wrong; never key material.
 */
final class PemFiles {
    /** Far more than any certificate chain; a larger file is not one (and is not read whole). */
    static final long MAX_BYTES = 1 << 20;

    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");
    private static final Pattern WHITESPACE = Pattern.compile("\\s");
    /** DER of the AlgorithmIdentifier for rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7,
        0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    /** DER of the OID id-ecPublicKey (1.2.840.10045.2.1). */
    private static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private PemFiles() {
    }

    /** A PEM block: its label ({@code CERTIFICATE}, {@code PRIVATE KEY}, ...) and decoded bytes (null when not base64). */
    private record Block(String label, byte[] der) {
    }

    /** Null when {@code file} holds one or more X.509 certificates in PEM; else what is wrong. */
    static String certificateProblem(String file) {
        List<Block> blocks = new ArrayList<>();
        String unreadable = read(file, blocks);
        if (unreadable != null) {
            return unreadable;
        }
        return certificates(file, blocks, new ArrayList<>());
    }

    /**
     * Null when {@code keyFile} holds an RSA or EC private key in PEM that is the key of the first
     * certificate in {@code certFile} (not compared when {@code certFile} is null); else what is wrong.
     */
    static String privateKeyProblem(String keyFile, String certFile) {
        List<Block> keyBlocks = new ArrayList<>();
        String problem = read(keyFile, keyBlocks);
        if (problem != null) {
            return problem;
        }
        List<Block> keys = keyBlocks.stream().filter(b -> b.label().endsWith("PRIVATE KEY")).toList();
        if (keys.isEmpty()) {
            return "'" + keyFile + "' is not a PEM private key: no -----BEGIN PRIVATE KEY----- block (nor RSA PRIVATE KEY, EC PRIVATE KEY)"
                    + (keyBlocks.stream().anyMatch(b -> b.label().equals("CERTIFICATE")) ? "; it holds a certificate" : "");
        }
        Block block = keys.get(0);
        if (block.label().equals("ENCRYPTED PRIVATE KEY")) {
            return "'" + keyFile + "' holds an encrypted private key, which cannot be used without its pass phrase; "
                    + "write it unencrypted first (openssl pkcs8 -in " + keyFile + " -out key.pem)";
        }
        if (block.der() == null) {
            return "'" + keyFile + "': the private key is not valid base64";
        }
        PrivateKey key = privateKey(block);
        if (key == null) {
            return "'" + keyFile + "': the private key (" + block.label() + ") does not load; expected an RSA or EC key";
        }
        if (certFile == null) {
            return null;
        }
        List<Block> certBlocks = new ArrayList<>();
        List<X509Certificate> chain = new ArrayList<>();
        if (read(certFile, certBlocks) != null || certificates(certFile, certBlocks, chain) != null) {
            return null; // the certificate's own problem is reported on cert_file
        }
        if (!matches(key, chain.get(0).getPublicKey())) {
            return "'" + keyFile + "' is not the private key of the certificate in '" + certFile + "'";
        }
        return null;
    }

    /** Reads {@code file}'s PEM blocks into {@code blocks}; null when it could be read, else why not. */
    private static String read(String file, List<Block> blocks) {
        Path path = Path.of(file);
        byte[] bytes;
        try {
            if (Files.size(path) > MAX_BYTES) {
                return "'" + file + "' is larger than 1 MiB: not a PEM certificate or key file";
            }
            bytes = Files.readAllBytes(path);
        } catch (IOException | RuntimeException e) {
            return "cannot read '" + file + "'";
        }
        // PEM is ASCII; any other byte simply matches no block.
        Matcher m = BLOCK.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
        while (m.find()) {
            byte[] der;
            try {
                der = Base64.getDecoder().decode(WHITESPACE.matcher(m.group(2)).replaceAll(""));
            } catch (IllegalArgumentException e) {
                der = null;
            }
            blocks.add(new Block(m.group(1), der));
        }
        return null;
    }

    private static String certificates(String file, List<Block> blocks, List<X509Certificate> into) {
        List<Block> certs = blocks.stream().filter(b -> b.label().equals("CERTIFICATE")).toList();
        if (certs.isEmpty()) {
            return "'" + file + "' is not a PEM certificate: no -----BEGIN CERTIFICATE----- block"
                    + (blocks.stream().anyMatch(b -> b.label().endsWith("PRIVATE KEY")) ? "; it holds a private key" : "");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (int i = 0; i < certs.size(); i++) {
                String which = certs.size() == 1 ? "the certificate" : "certificate " + (i + 1) + " of " + certs.size();
                byte[] der = certs.get(i).der();
                if (der == null) {
                    return "'" + file + "': " + which + " is not valid base64";
                }
                try {
                    into.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
                } catch (CertificateException | RuntimeException e) {
                    return "'" + file + "': " + which + " is not a valid X.509 certificate";
                }
            }
        } catch (CertificateException e) {
            throw new IllegalStateException("this Java has no X.509 support", e);
        }
        return null;
    }

    /** The key in {@code block} as the client will load it, or null when it does not load. */
    private static PrivateKey privateKey(Block block) {
        byte[] pkcs8 = switch (block.label()) {
            case "PRIVATE KEY" -> block.der();
            case "RSA PRIVATE KEY" -> pkcs8(RSA_ALGORITHM, block.der());
            case "EC PRIVATE KEY" -> ecPkcs8(block.der());
            default -> null;
        };
        if (pkcs8 == null) {
            return null;
        }
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this algorithm
            }
        }
        return null;
    }

    /** Whether {@code key} signs what {@code publicKey} verifies: the pair belongs together. */
    private static boolean matches(PrivateKey key, PublicKey publicKey) {
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        try {
            String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            byte[] probe = "llmload".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /**
     * A SEC1 {@code ECPrivateKey} as PKCS#8: the JDK reads EC keys only in PKCS#8, whose algorithm
     * identifier carries the curve that SEC1 keeps in its optional {@code [0]} field.
     */
    private static byte[] ecPkcs8(byte[] sec1) {
        int[] outer = header(sec1, 0);
        if (outer == null || sec1[0] != 0x30) {
            return null;
        }
        int end = Math.min(sec1.length, outer[0] + outer[1]);
        for (int at = outer[0]; at < end; ) {
            int[] field = header(sec1, at);
            if (field == null) {
                return null;
            }
            if ((sec1[at] & 0xff) == 0xa0) {
                byte[] curve = Arrays.copyOfRange(sec1, field[0], field[0] + field[1]);
                return pkcs8(Der.element(0x30, EC_PUBLIC_KEY, curve), sec1);
            }
            at = field[0] + field[1];
        }
        return null;
    }

    /** {@code PrivateKeyInfo ::= SEQUENCE {version 0, algorithm, privateKey OCTET STRING}}. */
    private static byte[] pkcs8(byte[] algorithm, byte[] key) {
        return Der.element(0x30, new byte[] {0x02, 0x01, 0x00}, algorithm, Der.element(0x04, key));
    }

    /** Where the content of the DER value at {@code at} starts and its length, or null when cut short. */
    private static int[] header(byte[] der, int at) {
        if (at + 2 > der.length) {
            return null;
        }
        int first = der[at + 1] & 0xff;
        if (first < 0x80) {
            return at + 2 + first <= der.length ? new int[] {at + 2, first} : null;
        }
        int octets = first & 0x7f;
        if (octets == 0 || octets > 3 || at + 2 + octets > der.length) {
            return null;
        }
        int length = 0;
        for (int i = 0; i < octets; i++) {
            length = (length << 8) | (der[at + 2 + i] & 0xff);
        }
        int start = at + 2 + octets;
        return start + length <= der.length ? new int[] {start, length} : null;
    }
}
