package io.llmload.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The tool's version, from the build. */
public final class Version implements CommandLine.IVersionProvider {
    private static final Properties PROPS = load();

    public static String version() {
        return PROPS.getProperty("version", "dev");
    }

    /** The abbreviated git commit the jar was built from, with "-dirty" for uncommitted changes; "" outside a git checkout. */
    public static String commit() {
        String commit = PROPS.getProperty("commit", "");
        if (commit.isEmpty() || commit.startsWith("$")) {
            return ""; // built from a source tree without .git: the filter left the placeholder
        }
        return commit + ("true".equals(PROPS.getProperty("dirty")) ? "-dirty" : "");
    }

    @Override
    public String[] getVersion() {
        String commit = commit();
        return new String[] {"llmload " + version() + (commit.isEmpty() ? "" : " (" + commit + ")"),
            "Java " + System.getProperty("java.version") + " · " + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/io/llmload/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // no version resource: report "dev"
        }
        return p;
    }
}
