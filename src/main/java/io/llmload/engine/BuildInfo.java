package io.llmload.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The tool's version and commit, from the build's version.properties: what every report names as its tool. */
public final class BuildInfo {
    private static final Properties PROPS = load();

    private BuildInfo() {
    }

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

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/io/llmload/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // no version resource: report "dev"
        }
        return p;
    }
}
