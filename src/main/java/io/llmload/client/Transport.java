package io.llmload.client;

import java.net.URI;

/**
 * How connections to the endpoint are opened beyond its host and port: a private CA to trust, a
 * client certificate for servers that ask for one, and a proxy to go through. Files are PEM, paths
 * as given in the scenario (checked there, so they load); each value may be null.
 *
 * @param caFile   extra trusted CA certificates
 * @param certFile the client certificate (chain), with {@code keyFile}
 * @param keyFile  the client certificate's unencrypted private key
 * @param proxy    {@code http://host:port}, {@code socks4://host:port} or {@code socks5://host:port}
 */
public record Transport(String caFile, String certFile, String keyFile, URI proxy) {
    /** Straight to the endpoint, trusting the system's CAs, with no client certificate. */
    public static final Transport DIRECT = new Transport(null, null, null, null);

    /** Only a private CA. */
    public static Transport trusting(String caFile) {
        return new Transport(caFile, null, null, null);
    }
}
