package io.llmload.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal HTTP proxy on loopback for tests: {@code CONNECT host:port} opens a tunnel, and a
 * request in absolute form ({@code POST http://host:port/path}) is relayed, bytes as they are, to
 * the host it names (servers accept the absolute form). {@link #firstLines()} keeps the first line
 * of each connection, to show what went through it.
 */
public final class TunnelProxy implements AutoCloseable {
    private final ServerSocket socket;
    private final List<String> firstLines = new CopyOnWriteArrayList<>();

    private TunnelProxy(ServerSocket socket) {
        this.socket = socket;
        Thread acceptor = new Thread(this::accept, "tunnel-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static TunnelProxy start() throws IOException {
        return new TunnelProxy(new ServerSocket(0, 64, InetAddress.getLoopbackAddress()));
    }

    public String url() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    public List<String> firstLines() {
        return firstLines;
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread t = new Thread(() -> serve(client), "tunnel-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                head.write(b);
                byte[] h = head.toByteArray();
                int n = h.length;
                if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                    break;
                }
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            String line = text.substring(0, Math.max(0, text.indexOf("\r\n")));
            firstLines.add(line);
            String[] parts = line.split(" ");
            if (parts.length < 3) {
                return;
            }
            boolean connect = parts[0].equals("CONNECT");
            String authority = connect ? parts[1] : URI.create(parts[1]).getRawAuthority();
            int colon = authority.lastIndexOf(':');
            try (Socket upstream = new Socket(authority.substring(0, colon), Integer.parseInt(authority.substring(colon + 1)))) {
                OutputStream toClient = client.getOutputStream();
                if (connect) {
                    toClient.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    toClient.flush();
                } else {
                    upstream.getOutputStream().write(head.toByteArray());
                }
                Thread back = new Thread(() -> pipe(upstream, client), "tunnel-proxy-back");
                back.setDaemon(true);
                back.start();
                pipe(client, upstream);
                back.join(5000);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // a connection that ends, either way, ends its tunnel
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // the other side went away
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
