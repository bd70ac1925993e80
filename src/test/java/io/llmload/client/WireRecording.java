package io.llmload.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One response of the wire-shape corpus ({@code src/test/resources/wire/<server>/<case>.sse|.http}):
 * the server's status line, headers and body exactly as it writes them, split into the writes it
 * makes and the delay before each.
 *
 * <p>File format: {@code #} lines first (provenance: repository, file and commit or doc URL),
 * then the status line, the header lines and a blank line, then the body as segments, each
 * opened by a line {@code @+<N>ms} (wait N ms, then write every byte up to the next such line,
 * newlines included). Lines are LF; the replay writes the status and headers with CRLF as HTTP
 * requires and the body bytes untouched.
 *
 * @param segments the body's writes in order
 */
public record WireRecording(String name, List<String> provenance, String statusLine, List<String> headers, List<Segment> segments) {
    private static final Pattern MARKER = Pattern.compile("(?m)^@\\+(\\d+)ms\\n");

    /** One write of the body: {@code bytes}, written {@code delayMs} after the previous write (or the request). */
    record Segment(long delayMs, byte[] bytes) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    public static WireRecording load(Path file, String name) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> provenance = new ArrayList<>();
        int pos = 0;
        while (text.startsWith("#", pos)) {
            int eol = text.indexOf('\n', pos);
            provenance.add(text.substring(pos + 1, eol).strip());
            pos = eol + 1;
        }
        int headEnd = text.indexOf("\n\n", pos);
        if (headEnd < 0) {
            throw new IllegalArgumentException(name + ": no blank line after the headers");
        }
        List<String> head = List.of(text.substring(pos, headEnd).split("\n"));
        String body = text.substring(headEnd + 2);
        Matcher m = MARKER.matcher(body);
        List<Segment> segments = new ArrayList<>();
        long delay = -1;
        int start = 0;
        while (m.find()) {
            if (delay < 0 && m.start() != 0) {
                throw new IllegalArgumentException(name + ": the body must open with an @+<N>ms line");
            }
            if (delay >= 0) {
                segments.add(new Segment(delay, body.substring(start, m.start()).getBytes(StandardCharsets.UTF_8)));
            }
            delay = Long.parseLong(m.group(1));
            start = m.end();
        }
        if (delay < 0) {
            throw new IllegalArgumentException(name + ": no @+<N>ms segment in the body");
        }
        segments.add(new Segment(delay, body.substring(start).getBytes(StandardCharsets.UTF_8)));
        return new WireRecording(name, List.copyOf(provenance), head.get(0), head.subList(1, head.size()), List.copyOf(segments));
    }

    /** The value of header {@code name} (case-insensitive), or null. */
    String header(String name) {
        for (String h : headers) {
            int colon = h.indexOf(':');
            if (colon > 0 && h.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return h.substring(colon + 1).trim();
            }
        }
        return null;
    }

    boolean chunked() {
        String te = header("transfer-encoding");
        return te != null && te.equalsIgnoreCase("chunked");
    }

    /** The whole body, as the client receives it once the transfer framing is taken off. */
    byte[] body() {
        int length = 0;
        for (Segment s : segments) {
            length += s.bytes().length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (Segment s : segments) {
            System.arraycopy(s.bytes(), 0, all, at, s.bytes().length);
            at += s.bytes().length;
        }
        return all;
    }

    /** One SSE event of the body: its {@code data}, when it is written (ms after the request) and in which segment. */
    record Event(long atMs, int segment, String event, String data) {
    }

    /**
     * The body's events, read with the plain rules these servers use (LF lines, one {@code data:}
     * line per event, an optional {@code event:} line): an oracle independent of {@link SseParser}.
     */
    List<Event> events() {
        List<Event> events = new ArrayList<>();
        long at = 0;
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            at += s.delayMs();
            for (String block : s.text().split("\n\n")) {
                String event = null;
                String data = null;
                for (String line : block.split("\n")) {
                    if (line.startsWith("event: ")) {
                        event = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        data = line.substring(6);
                    }
                }
                if (data != null) {
                    events.add(new Event(at, i, event, data));
                }
            }
        }
        return events;
    }
}
