package io.llmload.report;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which
 * {@code .ci/run} installs) driven over WebDriver. It never downloads a browser: without one
 * it fails with what to install. {@code CHROME_BIN} / {@code CHROMEDRIVER} point at others.
 */
final class HeadlessChromium implements AutoCloseable {
    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static HeadlessChromium start() throws IOException {
        String browser = find("CHROME_BIN", "chromium", "chromium-browser", "google-chrome");
        String chromedriver = find("CHROMEDRIVER", "chromedriver");
        if (browser == null || chromedriver == null) {
            throw new AssertionError("headless Chromium is needed for the HTML report tests but "
                    + (browser == null ? "no chromium" : "no chromedriver") + " was found on PATH; install Debian's "
                    + "'chromium' and 'chromium-driver' (.ci/run does: apt-get install -y chromium chromium-driver), "
                    + "or set CHROME_BIN and CHROMEDRIVER");
        }
        Path profile = Files.createTempDirectory("llmload-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(browser).addArguments("--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--window-size=1280,1000", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
        return new HeadlessChromium(driver, profile);
    }

    void open(Path file) {
        driver.get(file.toUri().toString());
    }

    /** Every console message of level SEVERE (errors, CSP violations, uncaught exceptions) since the last call. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    /** Emulates the dark (or light) colour scheme, as a user's system setting would. */
    void colorScheme(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /** A screenshot of the whole page, however long. */
    void screenshot(Path png) throws IOException {
        Number height = (Number) script("return Math.ceil(document.documentElement.scrollHeight)");
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", Math.min(16000, height.intValue()), "deviceScaleFactor", 1, "mobile", false));
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, driver.getScreenshotAs(OutputType.BYTES));
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    private static String find(String envVar, String... names) {
        String configured = System.getenv(envVar);
        if (configured != null && !configured.isBlank()) {
            return new File(configured).canExecute() ? configured : null;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            for (String name : names) {
                File f = new File(dir, name);
                if (f.canExecute()) {
                    return f.getAbsolutePath();
                }
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
