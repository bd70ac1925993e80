package io.llmload.cli;

import io.llmload.engine.BuildInfo;
import picocli.CommandLine;

/** {@code --version}: the tool's version ({@link BuildInfo}) and the Java it runs on. */
public final class Version implements CommandLine.IVersionProvider {

    public static String version() {
        return BuildInfo.version();
    }

    /** As {@link BuildInfo#commit()}. */
    public static String commit() {
        return BuildInfo.commit();
    }

    @Override
    public String[] getVersion() {
        String commit = commit();
        return new String[] {"llmload " + version() + (commit.isEmpty() ? "" : " (" + commit + ")"),
            "Java " + System.getProperty("java.version") + " · " + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
    }
}
