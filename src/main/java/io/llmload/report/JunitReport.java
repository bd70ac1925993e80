package io.llmload.report;

import io.llmload.result.CheckResult;
import io.llmload.result.Point;
import io.llmload.result.Report;
import io.llmload.result.RunInfo;
import io.llmload.result.VariantSummary;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The checks as JUnit XML, the format Jenkins, GitLab and the GitHub test-report actions read:
 * one {@code testsuite} per run, or per sweep point and per variant (with a suite for the run's
 * own checks, e.g. the baseline's, when there are any); one {@code testcase} per check, failed
 * with the measured value against the limit, skipped when it could not be decided. A run that
 * itself failed or was interrupted adds a testcase with an {@code error}, so the build page shows
 * why. A pure function of the report and its verdict.
 */
public final class JunitReport {
    /** Jenkins reads timestamps without a zone (UTC here). */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private JunitReport() {
    }

    /** One suite: its scope (a variant or sweep point, or null for the run) and its checks. */
    record Suite(String scope, List<CheckResult> checks, String error) {
    }

    public static void write(Report report, Verdict verdict, Path file) throws IOException {
        AtomicFiles.write(file, render(report, verdict));
    }

    public static String render(Report report, Verdict verdict) {
        String name = HtmlReport.name(report);
        List<Suite> suites = suites(report, verdict);
        double time = report.run() == null ? 0 : report.run().durationS();
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "llmload " + clean(name));
            counts(x, suites.stream().flatMap(s -> s.checks().stream()).toList(), suites.stream().filter(s -> s.error() != null).count());
            x.writeAttribute("time", seconds(time));
            for (Suite s : suites) {
                suite(x, report, name, s, suites.size() == 1 ? time : 0);
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML: " + e.getMessage(), e);
        }
        return out.toString();
    }

    static List<Suite> suites(Report report, Verdict verdict) {
        List<CheckResult> top = report.summary() == null || report.summary().checks() == null ? List.of() : report.summary().checks();
        List<Suite> out = new ArrayList<>();
        boolean perPoint = report.points() != null && report.search() == null;
        boolean perVariant = report.variants() != null && !report.variants().isEmpty();
        List<CheckResult> own = top;
        if (perPoint) {
            for (Point p : report.points()) {
                out.add(new Suite(Point.settingsLabel(p.settings()), checksOf(p.summary()), null));
            }
        }
        if (perVariant) {
            for (VariantSummary v : report.variants()) {
                out.add(new Suite(v.name(), checksOf(v.summary()), null));
            }
        }
        if (perPoint || perVariant) {
            // the top level repeats each point's or variant's checks as "[scope] expr"; keep only its own
            own = top.stream().filter(c -> !c.expr().startsWith("[")).toList();
        }
        String error = verdict != null && ("ERROR".equals(verdict.status()) || "INTERRUPTED".equals(verdict.status())) ? verdict.line() : null;
        if (out.isEmpty() || !own.isEmpty() || error != null) {
            out.add(new Suite(null, own, error));
        }
        return out;
    }

    private static List<CheckResult> checksOf(io.llmload.result.Summary s) {
        return s == null || s.checks() == null ? List.of() : s.checks();
    }

    private static void suite(XMLStreamWriter x, Report report, String name, Suite s, double time) throws XMLStreamException {
        String className = "llmload." + dotless(name) + (s.scope() == null ? "" : "[" + dotless(s.scope()) + "]");
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", clean(name + (s.scope() == null ? "" : " [" + s.scope() + "]")));
        counts(x, s.checks(), s.error() == null ? 0 : 1);
        x.writeAttribute("time", seconds(time));
        RunInfo run = report.run();
        if (run != null && run.startedAt() != null) {
            x.writeAttribute("timestamp", timestamp(run.startedAt()));
        }
        if (run != null && run.host() != null && run.host().name() != null) {
            x.writeAttribute("hostname", clean(run.host().name()));
        }
        if (run != null) {
            x.writeCharacters("\n    ");
            x.writeStartElement("properties");
            property(x, "target", run.target());
            property(x, "model", run.model());
            property(x, "stop_reason", run.stopReason());
            property(x, "llmload_version", report.tool() == null ? null : report.tool().version());
            x.writeCharacters("\n    ");
            x.writeEndElement();
        }
        for (CheckResult c : s.checks()) {
            x.writeCharacters("\n    ");
            x.writeStartElement("testcase");
            x.writeAttribute("name", clean(CheckText.withoutScope(c.expr())));
            x.writeAttribute("classname", clean(className));
            x.writeAttribute("time", "0");
            if (c.wasSkipped()) {
                x.writeEmptyElement("skipped");
                x.writeAttribute("message", clean(CheckText.message(c)));
            } else if (!c.passed()) {
                x.writeStartElement("failure");
                x.writeAttribute("message", clean(CheckText.message(c)));
                x.writeAttribute("type", c.expr().contains(" vs baseline") ? "regression" : "threshold");
                x.writeCharacters(clean(body(c)));
                x.writeEndElement();
            }
            x.writeEndElement();
        }
        if (s.error() != null) {
            x.writeCharacters("\n    ");
            x.writeStartElement("testcase");
            x.writeAttribute("name", "run");
            x.writeAttribute("classname", clean(className));
            x.writeAttribute("time", seconds(time));
            x.writeStartElement("error");
            x.writeAttribute("message", clean(s.error()));
            x.writeAttribute("type", "run");
            x.writeCharacters(clean(s.error()));
            x.writeEndElement();
            x.writeEndElement();
        }
        x.writeCharacters("\n  ");
        x.writeEndElement();
    }

    private static String body(CheckResult c) {
        StringBuilder b = new StringBuilder("check: ").append(c.expr());
        if (c.value() != null) {
            b.append("\nmeasured: ").append(CheckFormat.value(c));
        }
        String limit = CheckText.limit(c);
        if (limit != null) {
            b.append("\nlimit: ").append(limit);
        }
        if (c.detail() != null) {
            b.append("\ndetail: ").append(c.detail());
        }
        return b.toString();
    }

    private static void counts(XMLStreamWriter x, List<CheckResult> checks, long errors) throws XMLStreamException {
        x.writeAttribute("tests", Long.toString(checks.size() + errors));
        x.writeAttribute("failures", Long.toString(checks.stream().filter(c -> !c.passed() && !c.wasSkipped()).count()));
        x.writeAttribute("errors", Long.toString(errors));
        x.writeAttribute("skipped", Long.toString(checks.stream().filter(CheckResult::wasSkipped).count()));
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        if (value == null) {
            return;
        }
        x.writeCharacters("\n      ");
        x.writeEmptyElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", clean(value));
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    private static String timestamp(String iso) {
        try {
            return TIMESTAMP.format(OffsetDateTime.parse(iso).withOffsetSameInstant(ZoneOffset.UTC));
        } catch (RuntimeException e) {
            return clean(iso);
        }
    }

    /** Dots split a classname into package and class in Jenkins; keep them out of names and scopes. */
    private static String dotless(String s) {
        return s.replace('.', '_');
    }

    /** Drops characters XML 1.0 cannot carry (control characters from a server's text, say). */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            boolean ok = cp == 0x9 || cp == 0xA || cp == 0xD || cp >= 0x20 && cp <= 0xD7FF || cp >= 0xE000 && cp <= 0xFFFD
                    || cp >= 0x10000 && cp <= 0x10FFFF;
            b.appendCodePoint(ok ? cp : '?');
        });
        return b.toString();
    }
}
