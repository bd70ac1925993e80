package io.llmload.client;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;

/**
 * What a failed TLS handshake means for the user and which setting changes it. The advice goes
 * into the {@code tls} kind's sample message, which the summary and the report show once, not
 * per request.
 */
final class TlsAdvice {
    private TlsAdvice() {
    }

    /** {@code message} (the failure's own words) followed by what to do, when the cause is known. */
    static String explain(Throwable t, String message) {
        String all = chainText(t);
        if (all.contains("certificate_required") || (all.contains("bad_certificate") && !hasCause(t, CertificateException.class))) {
            return message + " — the server asks for a client certificate: set target.http.cert_file and key_file";
        }
        if (all.contains("no subject alternative") || all.contains("no name matching")) {
            return message + " — the server's certificate is for another host name: use that name in target.url, "
                    + "or set target.http.tls_verify: false for a test server";
        }
        if (hasCause(t, CertPathBuilderException.class) || hasCause(t, CertPathValidatorException.class)
                || all.contains("pkix path") || all.contains("unable to find valid certification path")) {
            return message + " — the server's certificate is not signed by a CA this machine trusts: give its CA with "
                    + "target.http.ca_file, or set target.http.tls_verify: false for a test server";
        }
        return message;
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String chainText(Throwable t) {
        StringBuilder out = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            out.append(c.getMessage()).append('\n');
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
