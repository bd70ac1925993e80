package io.llmload.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server that answers every request by resetting its connection: a TCP RST (SO_LINGER
 * 0, then close), not an orderly close. Every odd connection is reset as soon as its request has
 * arrived, every even one after the headers and a first event of a streamed answer, so both
 * "nothing came back" and "cut off mid-stream" are met. {@link #requests()} counts the requests it
 * read, for "nothing was sent" checks too.
 */
public final class ResettingServer implements AutoCloseable {
    private static final byte[] HEADERS_AND_ROLE = ("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n"
            + "transfer-encoding: chunked\r\n\r\n" + chunk("data: {\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}\n\n"))
            .getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket socket;
    private final Thread acceptor;
    private final AtomicInteger requests = new AtomicInteger();

    private ResettingServer(ServerSocket socket) {
        this.socket = socket;
        this.acceptor = new Thread(this::accept, "resetting-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static ResettingServer start() throws IOException {
        return new ResettingServer(new ServerSocket(0, 64, InetAddress.getLoopbackAddress()));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
    }

    /** Requests whose first bytes arrived. */
    public int requests() {
        return requests.get();
    }

    private void accept() {
        int connections = 0;
        while (!socket.isClosed()) {
            try (Socket c = socket.accept()) {
                InputStream in = c.getInputStream();
                byte[] head = new byte[64 * 1024];
                int n = in.read(head);
                if (n <= 0) {
                    continue;
                }
                c.setSoLinger(true, 0);
                if (new String(head, 0, Math.min(n, 4), StandardCharsets.US_ASCII).equals("GET ")) {
                    continue; // llmload opening its connections up front (GET .../models): reset, not a chat request
                }
                connections++;
                requests.incrementAndGet();
                if (connections % 2 == 0) {
                    OutputStream out = c.getOutputStream();
                    out.write(HEADERS_AND_ROLE);
                    out.flush();
                }
            } catch (IOException e) {
                // closed by close(), or a client that went away first: nothing to reset
            }
        }
    }

    private static String chunk(String data) {
        return Integer.toHexString(data.getBytes(StandardCharsets.US_ASCII).length) + "\r\n" + data + "\r\n";
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
