package io.llmload.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * The frame shared by the report and compare pages: head, styles, the inlined chart library
 * (uPlot from its webjar, so the file opens offline) and the page script. A Content Security
 * Policy allows exactly these two scripts and no network at all, so even text that escaped
 * escaping could not run or call out.
 */
final class HtmlPage {
    private static final String UPLOT_DIR = "/META-INF/resources/webjars/uplot/1.6.30/dist/";
    private static final String CSS = resource("/io/llmload/report/report.css");
    private static final String UPLOT_CSS = resource(UPLOT_DIR + "uPlot.min.css");
    private static final String UPLOT_JS = resource(UPLOT_DIR + "uPlot.iife.min.js");
    private static final String PAGE_JS = resource("/io/llmload/report/report.js");
    private static final String CSP = "default-src 'none'; script-src " + hash(UPLOT_JS) + " " + hash(PAGE_JS)
            + "; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

    private HtmlPage() {
    }

    static void open(StringBuilder h, String title) {
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CSP).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"color-scheme\" content=\"light dark\">\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n<style>\n").append(UPLOT_CSS).append('\n')
                .append(CSS).append("</style>\n</head>\n<body>\n");
    }

    /** A navigation bar: pairs of anchor id and link text. */
    static void nav(StringBuilder h, List<String[]> links) {
        h.append("<nav>");
        for (String[] link : links) {
            h.append("<a href=\"#").append(Html.escape(link[0])).append("\">").append(Html.escape(link[1])).append("</a>");
        }
        h.append("</nav>\n");
    }

    /** Boxes the page script fills with charts, in a responsive grid; an empty chart says so. */
    static void chartGrid(StringBuilder h, List<Chart> charts) {
        h.append("<div class=\"charts\">\n");
        for (Chart c : charts) {
            h.append("<figure class=\"chart-box\"><figcaption>").append(Html.escape(c.title())).append("</figcaption>");
            if (c.isEmpty()) {
                h.append("<p class=\"note no-data\">No data.</p>");
            } else {
                h.append("<div class=\"chart\" data-chart=\"").append(Html.escape(c.id())).append("\"></div>");
            }
            h.append("</figure>\n");
        }
        h.append("</div>\n");
    }

    /** Embeds the charts' data and the scripts, then closes the page. */
    static void close(StringBuilder h, List<Chart> charts, String footer) {
        h.append("<script type=\"application/json\" id=\"llmload-charts\">")
                .append(Html.scriptJson(json(charts.stream().filter(c -> !c.isEmpty()).toList()))).append("</script>\n");
        h.append("<footer>").append(Html.escape(footer)).append("</footer>\n");
        h.append("<script>").append(UPLOT_JS).append("</script>\n");
        h.append("<script>").append(PAGE_JS).append("</script>\n</body>\n</html>\n");
    }

    static String json(Object value) {
        try {
            return ReportJson.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode chart data: " + e.getMessage(), e);
        }
    }

    private static String hash(String script) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String path) {
        try (InputStream in = HtmlPage.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
