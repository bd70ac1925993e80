package io.llmload.client;

/**
 * Names of the ways a request can fail, as they appear in reports ({@code summary.requests.errors}).
 * HTTP errors are {@code http_<status>}; the rest are fixed names.
 */
public final class ErrorKind {
    public static final String CONNECT_REFUSED = "connect_refused";
    public static final String DNS = "dns";
    public static final String TLS = "tls";
    public static final String TIMEOUT_CONNECT = "timeout_connect";
    public static final String TIMEOUT_FIRST_TOKEN = "timeout_first_token";
    public static final String TIMEOUT_IDLE = "timeout_idle";
    public static final String TIMEOUT_TOTAL = "timeout_total";
    public static final String RESET = "reset";
    public static final String MALFORMED_STREAM = "malformed_stream";
    public static final String MALFORMED_BODY = "malformed_body";
    public static final String MISSING_DONE = "missing_done";
    public static final String STREAM_ERROR = "stream_error";
    /**
     * A complete answer (its {@code [DONE]}, finish reason or whole JSON body) that carried no
     * content, reasoning or tool call: not a success, and no TTFT (there was no first token).
     */
    public static final String EMPTY_ANSWER = "empty_answer";
    public static final String RESPONSE_TOO_LARGE = "response_too_large";
    /** A 2xx answer that is neither an event stream nor JSON, such as a proxy's HTML page. */
    public static final String UNEXPECTED_CONTENT_TYPE = "unexpected_content_type";
    /**
     * A 2xx answer whose body is compressed ({@code Content-Encoding}) in a way the request did not
     * ask for (no {@code Accept-Encoding}, or one that does not list it), or cannot be decoded.
     */
    public static final String UNEXPECTED_ENCODING = "unexpected_encoding";
    public static final String IO = "io_error";
    /** Not a failure: the request was still running when the run's drain time ran out. */
    public static final String CUT_OFF = "cut_off";
    /**
     * Not a failure: the request was waiting to be tried again (out a server's {@code Retry-After},
     * or a backoff) when the run's drain time ran out; its failed attempts count as retries.
     */
    public static final String CUT_OFF_RETRYING = "cut_off_retrying";
    /** Not a failure: the simulated user abandoned the request mid-stream ({@code workload.cancel}). */
    public static final String CANCELLED = "cancelled";

    private ErrorKind() {
    }

    public static String http(int status) {
        return "http_" + status;
    }

    /** Whether {@code kind} is one of the end-of-run cut-offs ({@link #CUT_OFF}, {@link #CUT_OFF_RETRYING}). */
    public static boolean isCutOff(String kind) {
        return CUT_OFF.equals(kind) || CUT_OFF_RETRYING.equals(kind);
    }

    /** Connection-level failures: nothing reached the server's application. */
    public static boolean isConnectionLevel(String kind) {
        return kind.equals(CONNECT_REFUSED) || kind.equals(DNS) || kind.equals(TLS) || kind.equals(TIMEOUT_CONNECT);
    }
}
