package io.llmload.client;

import java.net.URI;

/**
 * Where requests are posted: host, port, TLS, the request URI ({@code <base path>/chat/completions},
 * or the path of another {@link Api}) and the API spoken there.
 * {@code host} is the name or address to connect to, an IPv6 literal without its brackets ({@code ::1});
 * {@link #uriHost()} is the form for the Host header and URLs ({@code [::1]}).
 */
public record Endpoint(String host, int port, boolean ssl, String requestUri, Api api) {

    /** A chat completions endpoint. */
    public Endpoint(String host, int port, boolean ssl, String requestUri) {
        this(host, port, ssl, requestUri, Api.CHAT);
    }

    /** Parses a base URL such as {@code https://api.aimlapi.com/v1}; a query string is kept. */
    public static Endpoint fromBaseUrl(String baseUrl) {
        return fromBaseUrl(baseUrl, Api.CHAT);
    }

    /** Parses a base URL and appends {@code api}'s path to it. */
    public static Endpoint fromBaseUrl(String baseUrl, Api api) {
        URI uri = URI.create(baseUrl);
        boolean ssl = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String requestUri = path + api.path() + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Endpoint(host, port, ssl, requestUri, api);
    }

    /** The host as a URI or Host header writes it: an IPv6 literal in brackets (RFC 3986, RFC 7230). */
    public String uriHost() {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /**
     * The API's base path: the request URI without the API's path and the query
     * ({@code /v1} for {@code /v1/chat/completions?x=1}).
     */
    public String basePath() {
        String uri = requestUri;
        int query = uri.indexOf('?');
        if (query >= 0) {
            uri = uri.substring(0, query);
        }
        return uri.endsWith(api.path()) ? uri.substring(0, uri.length() - api.path().length()) : uri;
    }

    /** host:port as people write it, for messages such as "connection refused: 127.0.0.1:8000". */
    public String authority() {
        return uriHost() + ":" + port;
    }
}
