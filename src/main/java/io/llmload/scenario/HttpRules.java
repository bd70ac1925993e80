package io.llmload.scenario;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;

/**
 * Checks of {@code target.http} that need more than a value's type: the PEM files load (a private
 * CA, a client certificate and its key, which must be given together and belong together) and the
 * proxy is a URL the client can use. Everything here would otherwise fail every request of the
 * run, after it started; here it is a scenario problem at {@code validate} and before {@code run}
 * sends anything.
 */
final class HttpRules {
    private static final Set<String> PROXY_SCHEMES = Set.of("http", "socks4", "socks5");

    private HttpRules() {
    }

    static void check(ObjView http, List<Problem> problems) {
        if (http.has("ca_file")) {
            String why = PemFiles.certificateProblem(http.str("ca_file"));
            if (why != null) {
                problems.add(new Problem(http.location("ca_file"), "target.http.ca_file", why));
            }
        }
        boolean cert = http.has("cert_file");
        boolean key = http.has("key_file");
        if (cert && key) {
            String certWhy = PemFiles.certificateProblem(http.str("cert_file"));
            if (certWhy != null) {
                problems.add(new Problem(http.location("cert_file"), "target.http.cert_file", certWhy));
            }
            String keyWhy = PemFiles.privateKeyProblem(http.str("key_file"), certWhy == null ? http.str("cert_file") : null);
            if (keyWhy != null) {
                problems.add(new Problem(http.location("key_file"), "target.http.key_file", keyWhy));
            }
        } else if (cert || key) {
            String given = cert ? "cert_file" : "key_file";
            problems.add(new Problem(http.location(given), "target.http." + given, cert
                    ? "a client certificate needs its private key: set target.http.key_file too"
                    : "a private key needs its client certificate: set target.http.cert_file too"));
        }
        if (http.has("proxy")) {
            String why = proxyProblem(http.str("proxy"));
            if (why != null) {
                problems.add(new Problem(http.location("proxy"), "target.http.proxy", why));
            }
        }
    }

    /** Null when {@code url} is a proxy the client can connect through, else what is wrong. */
    static String proxyProblem(String url) {
        String example = "expected a proxy URL such as http://proxy.internal:3128 or socks5://127.0.0.1:1080; got '" + url + "'";
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return example;
        }
        if (uri.getScheme() == null || !PROXY_SCHEMES.contains(uri.getScheme().toLowerCase())) {
            return example;
        }
        if (uri.getRawUserInfo() != null) {
            return "credentials in the proxy URL are not supported (the URL is written into the report); use a proxy that needs none";
        }
        if (uri.getHost() == null) {
            return example;
        }
        if (uri.getPort() < 1 || uri.getPort() > 65535) {
            return "give the proxy's port, as in " + uri.getScheme() + "://" + uri.getHost() + ":"
                    + (uri.getScheme().startsWith("socks") ? "1080" : "3128");
        }
        if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "a proxy URL is only scheme://host:port; got '" + url + "'";
        }
        return null;
    }
}
