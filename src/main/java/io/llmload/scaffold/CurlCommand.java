package io.llmload.scaffold;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts of a curl command line that describe an HTTP request: URL, method, headers, body and
 * the few transport options that have a scenario equivalent. Options that only change what curl
 * prints are accepted and ignored; options that make it a different request (forms, basic auth,
 * GET queries) are refused with a reason. Immutable.
 *
 * @param ignored options that were accepted but have no effect on the scenario, as written
 */
public record CurlCommand(String url, String method, List<Map.Entry<String, String>> headers, String body,
                          boolean insecure, String maxTimeSeconds, String connectTimeoutSeconds, String httpVersion,
                          String oauth2Bearer, List<String> ignored) {

    /** Options that take a value and matter to the scenario, or must be refused. */
    private static final Set<String> WITH_VALUE = Set.of("-H", "--header", "-d", "--data", "--data-raw", "--data-binary",
            "--data-ascii", "--data-urlencode", "--json", "-X", "--request", "--url", "-m", "--max-time", "--connect-timeout",
            "--oauth2-bearer", "-u", "--user", "-F", "--form", "--form-string",
            // take a value but do not change the request as a benchmark sees it
            "-A", "--user-agent", "-o", "--output", "-w", "--write-out", "-e", "--referer", "-b", "--cookie", "-c",
            "--cookie-jar", "-x", "--proxy", "--retry", "--retry-delay", "--retry-max-time", "--cacert", "--capath", "-E",
            "--cert", "--key", "-D", "--dump-header", "--limit-rate", "--interface", "--trace", "--trace-ascii", "--stderr",
            "--resolve", "--connect-to", "-K", "--config", "--unix-socket", "--abstract-unix-socket", "-T", "--upload-file",
            "-r", "--range", "-y", "--speed-time", "-Y", "--speed-limit", "--max-filesize", "--aws-sigv4");
    /** Short options that take a value, as letters. */
    private static final String SHORT_WITH_VALUE = "HdXmuFAowebcxEDKTryY";

    /**
     * Parses the words of a curl command (the first word is {@code curl}). {@code dir} resolves
     * {@code -d @file} bodies.
     */
    public static CurlCommand parse(List<String> words, Path dir) throws ScaffoldException {
        if (words.isEmpty() || !(words.get(0).equals("curl") || words.get(0).endsWith("/curl") || words.get(0).equals("curl.exe"))) {
            throw new ScaffoldException("expected a curl command starting with 'curl', e.g. --from-curl 'curl https://api.example.com/v1/chat/completions -H ... -d ...'");
        }
        List<String[]> options = expand(words.subList(1, words.size()));
        String url = null;
        String method = null;
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        List<String> data = new ArrayList<>();
        boolean insecure = false;
        String maxTime = null;
        String connectTimeout = null;
        String httpVersion = null;
        String bearer = null;
        List<String> ignored = new ArrayList<>();
        for (String[] o : options) {
            String name = o[0];
            String value = o[1];
            switch (name) {
                case "" -> {
                    if (url != null) {
                        throw new ScaffoldException("the curl command names two URLs ('" + url + "' and '" + value + "'); keep the chat-completion one");
                    }
                    url = value;
                }
                case "--url" -> url = value;
                case "-H", "--header" -> headers.add(header(value));
                case "-d", "--data", "--data-ascii", "--data-binary" -> data.add(value.startsWith("@") ? readFile(dir, value.substring(1)) : value);
                case "--data-raw" -> data.add(value);
                case "--json" -> {
                    data.add(value.startsWith("@") ? readFile(dir, value.substring(1)) : value);
                    headers.add(Map.entry("Content-Type", "application/json"));
                }
                case "-X", "--request" -> method = value.toUpperCase();
                case "-k", "--insecure" -> insecure = true;
                case "-m", "--max-time" -> maxTime = value;
                case "--connect-timeout" -> connectTimeout = value;
                case "--http2", "--http2-prior-knowledge" -> httpVersion = "2";
                case "--http1.1", "--http1.0" -> httpVersion = "1.1";
                case "--oauth2-bearer" -> bearer = value;
                case "-u", "--user" -> throw new ScaffoldException("basic auth (" + name + ") is not supported; llmload sends a Bearer key "
                        + "from the variable named by target.api_key_env, or headers you write with ${env:NAME}");
                case "-F", "--form", "--form-string" -> throw new ScaffoldException(name + " sends a multipart form; a chat completion "
                        + "is a JSON body given with -d/--data or --json");
                case "-G", "--get" -> throw new ScaffoldException(name + " turns the body into a GET query; a chat completion is a POST with a JSON body");
                case "--data-urlencode" -> throw new ScaffoldException("--data-urlencode sends a form-encoded body; a chat completion "
                        + "is a JSON body given with -d/--data or --json");
                case "--unix-socket", "--abstract-unix-socket" -> throw new ScaffoldException(name + " is not supported; llmload connects over TCP");
                default -> ignored.add(value == null ? name : name + " " + value);
            }
        }
        if (url == null) {
            throw new ScaffoldException("the curl command has no URL; expected one such as https://api.example.com/v1/chat/completions");
        }
        if (data.size() > 1) {
            throw new ScaffoldException("the curl command has " + data.size() + " bodies (-d/--data/--json); keep the one with the JSON request");
        }
        return new CurlCommand(url, method, List.copyOf(headers), data.isEmpty() ? null : data.get(0), insecure, maxTime,
                connectTimeout, httpVersion, bearer, List.copyOf(ignored));
    }

    /** Turns the words into [option, value] pairs; a positional argument has option "". */
    private static List<String[]> expand(List<String> words) throws ScaffoldException {
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.startsWith("--")) {
                if (WITH_VALUE.contains(w)) {
                    out.add(new String[] {w, value(words, ++i, w)});
                } else {
                    out.add(new String[] {w, null});
                }
            } else if (w.startsWith("-") && w.length() > 1) {
                // Short options can be bundled (-sS) and take their value attached (-XPOST) or next.
                for (int k = 1; k < w.length(); k++) {
                    String opt = "-" + w.charAt(k);
                    if (SHORT_WITH_VALUE.indexOf(w.charAt(k)) >= 0) {
                        String attached = w.substring(k + 1);
                        out.add(new String[] {opt, attached.isEmpty() ? value(words, ++i, opt) : attached});
                        break;
                    }
                    out.add(new String[] {opt, null});
                }
            } else {
                out.add(new String[] {"", w});
            }
        }
        return out;
    }

    private static String value(List<String> words, int i, String option) throws ScaffoldException {
        if (i >= words.size()) {
            throw new ScaffoldException("curl option " + option + " has no value");
        }
        return words.get(i);
    }

    private static Map.Entry<String, String> header(String text) throws ScaffoldException {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new ScaffoldException("the header '" + text + "' has no 'Name: value' form");
        }
        return Map.entry(text.substring(0, colon).trim(), text.substring(colon + 1).trim());
    }

    private static String readFile(Path dir, String name) throws ScaffoldException {
        if (name.equals("-")) {
            throw new ScaffoldException("the body is read from standard input (@-); paste the JSON into the command instead");
        }
        Path file = dir.resolve(name);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScaffoldException("cannot read the body file " + file + " named by @" + name + ": " + e.getMessage());
        }
    }
}
