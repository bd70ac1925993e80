package io.llmload.client;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.StreamResetException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/** Maps transport exceptions from Vert.x/Netty to an {@link ErrorKind}. */
public final class ErrorClassifier {
    /**
     * The system call a Netty native transport names before the system's own words, as in
     * "recvAddress(..) failed with error(-104): Connection reset by peer" (4.1: "syscall:read(..) failed: ...").
     */
    private static final Pattern NATIVE_CALL = Pattern.compile("^(?:syscall:)?\\w+\\(\\.\\.\\) failed(?: with error\\(-?\\d+\\))?: ");

    private ErrorClassifier() {
    }

    /**
     * @param timeoutKind what a Vert.x timeout means at this point of the exchange (connect while
     *                    connecting, first_token/idle once the request was sent)
     */
    public static String classify(Throwable t, String timeoutKind) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectTimeoutException || c instanceof SslHandshakeTimeoutException) {
                return ErrorKind.TIMEOUT_CONNECT;
            }
            if (c instanceof UnknownHostException) {
                return ErrorKind.DNS;
            }
            if (c instanceof SSLException) {
                return ErrorKind.TLS;
            }
            if (c instanceof ConnectException || c instanceof NoRouteToHostException) {
                String m = String.valueOf(c.getMessage()).toLowerCase();
                return m.contains("timed out") ? ErrorKind.TIMEOUT_CONNECT : ErrorKind.CONNECT_REFUSED;
            }
            if (c instanceof TimeoutException) {
                return timeoutKind;
            }
            if (c instanceof HttpClosedException || c instanceof StreamResetException || c instanceof ClosedChannelException) {
                return ErrorKind.RESET;
            }
            if (c instanceof DecoderException) {
                if (c.getCause() instanceof SSLException) {
                    continue; // TLS records that fail to decode, e.g. the server's alert refusing a missing client certificate
                }
                return ErrorKind.MALFORMED_STREAM;
            }
            if (c instanceof IOException io) {
                String m = String.valueOf(io.getMessage()).toLowerCase();
                if (m.contains("reset") || m.contains("broken pipe") || m.contains("closed")) {
                    return ErrorKind.RESET;
                }
            }
        }
        return ErrorKind.IO;
    }

    /** A one-line description of a transport failure, without a stack trace. */
    public static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        String type = root.getClass().getSimpleName();
        return m == null || m.isBlank() ? type : NATIVE_CALL.matcher(m).replaceFirst("");
    }
}
