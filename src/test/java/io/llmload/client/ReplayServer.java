package io.llmload.client;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A raw TCP server on 127.0.0.1 and an ephemeral port that answers every {@code POST} with one
 * {@link WireRecording}, byte for byte and with its recorded delays: the status line and headers
 * as recorded, then each body segment after its delay, as one HTTP chunk when the recording is
 * chunked. No HTTP library writes the answer, so nothing is added or reframed on the way.
 * {@code GET .../models} (llmload's connection opener) gets a small JSON list. Keep-alive: a
 * connection carries one request after another.
 */
public final class ReplayServer implements AutoCloseable {
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    private final Vertx vertx;
    private final WireRecording recording;
    private final NetServer server;
    private final List<String> requestBodies = new CopyOnWriteArrayList<>();
    /** The request target of each replayed request, such as {@code /v1/messages}. */
    private final List<String> requestPaths = new CopyOnWriteArrayList<>();
    /** When each body segment of the latest replay was handed to the socket ({@code System.nanoTime()}), 0 before. */
    private volatile long[] writeNanos = new long[0];

    private ReplayServer(Vertx vertx, WireRecording recording) {
        this.vertx = vertx;
        this.recording = recording;
        this.server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0).setTcpNoDelay(true));
        server.connectHandler(this::connected);
    }

    public static ReplayServer start(Vertx vertx, WireRecording recording) throws Exception {
        ReplayServer s = new ReplayServer(vertx, recording);
        s.server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return s;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort() + "/v1";
    }

    /**
     * When segment {@code index} of the latest replay was written: the server's timers fire late
     * on a loaded machine, so a client's timestamps are checked against this, not against the
     * recorded delays alone.
     */
    long writeNanos(int index) {
        return writeNanos[index];
    }

    /** The bodies of the POSTs answered so far, in order. */
    public List<String> requestPaths() {
        return requestPaths;
    }

    public List<String> requestBodies() {
        return requestBodies;
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void connected(NetSocket socket) {
        Buffer[] pending = {Buffer.buffer()};
        socket.handler(bytes -> {
            pending[0].appendBuffer(bytes);
            Buffer rest = serveComplete(socket, pending[0]);
            pending[0] = rest;
        });
    }

    /** Answers every whole request at the start of {@code in}; returns the bytes of an unfinished one. */
    private Buffer serveComplete(NetSocket socket, Buffer in) {
        Buffer buf = in;
        while (true) {
            int headEnd = indexOf(buf, HEADER_END);
            if (headEnd < 0) {
                return buf;
            }
            String head = buf.getString(0, headEnd, "ISO-8859-1");
            int length = contentLength(head);
            int total = headEnd + HEADER_END.length + length;
            if (buf.length() < total) {
                return buf;
            }
            String requestLine = head.substring(0, head.indexOf("\r\n") < 0 ? head.length() : head.indexOf("\r\n"));
            String body = buf.getString(headEnd + HEADER_END.length, total, "UTF-8");
            if (requestLine.startsWith("GET ") && requestLine.contains("/models")) {
                byte[] json = "{\"object\":\"list\",\"data\":[]}".getBytes(StandardCharsets.UTF_8);
                socket.write(Buffer.buffer("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: " + json.length + "\r\n\r\n")
                        .appendBytes(json));
            } else {
                requestBodies.add(body);
                String[] parts = requestLine.split(" ");
                requestPaths.add(parts.length > 1 ? parts[1] : "");
                replay(socket);
            }
            buf = buf.getBuffer(total, buf.length());
        }
    }

    private void replay(NetSocket socket) {
        StringBuilder head = new StringBuilder(recording.statusLine()).append("\r\n");
        for (String h : recording.headers()) {
            head.append(h).append("\r\n");
        }
        socket.write(Buffer.buffer(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1)));
        writeNanos = new long[recording.segments().size()];
        writeFrom(socket, 0);
    }

    private void writeFrom(NetSocket socket, int index) {
        List<WireRecording.Segment> segments = recording.segments();
        if (index == segments.size()) {
            if (recording.chunked()) {
                socket.write(Buffer.buffer("0\r\n\r\n"));
            }
            return;
        }
        WireRecording.Segment segment = segments.get(index);
        Runnable write = () -> {
            writeNanos[index] = System.nanoTime();
            if (recording.chunked()) {
                socket.write(Buffer.buffer(Integer.toHexString(segment.bytes().length) + "\r\n").appendBytes(segment.bytes())
                        .appendString("\r\n"));
            } else {
                socket.write(Buffer.buffer(segment.bytes()));
            }
            writeFrom(socket, index + 1);
        };
        if (segment.delayMs() == 0) {
            write.run(); // written at the same moment as the previous segment, as the server did
        } else {
            vertx.setTimer(segment.delayMs(), id -> write.run());
        }
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                return Integer.parseInt(line.substring(colon + 1).trim());
            }
        }
        return 0;
    }

    private static int indexOf(Buffer buf, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= buf.length(); i++) {
            for (int k = 0; k < needle.length; k++) {
                if (buf.getByte(i + k) != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
