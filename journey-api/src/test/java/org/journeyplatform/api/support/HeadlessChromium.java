package org.journeyplatform.api.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver (nothing is downloaded), for the browser tests of
 * the pages: sign in with the form, save screenshots at laptop and tablet widths under {@code journey-api/target/},
 * and check a page against the WCAG 2.1 A and AA rules with axe-core (from its WebJar) inside the browser.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path CHROMIUM = Path.of(System.getProperty("journey.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER =
            Path.of(System.getProperty("journey.chromedriver", "/usr/bin/chromedriver"));
    public static final Dimension LAPTOP = new Dimension(1366, 1900);
    public static final Dimension TABLET = new Dimension(820, 1180);

    private final WebDriver browser;
    private final Path profile;
    private final int port;

    public HeadlessChromium(int port) throws IOException {
        assertThat(DebianChromium.ensureInstalled(CHROMIUM, CHROMEDRIVER))
                .as(
                        "the browser test needs Debian's chromium and chromium-driver (%s, %s) and could not install "
                                + "them (it needs root or password-less sudo): apt-get install chromium chromium-driver",
                        CHROMIUM, CHROMEDRIVER)
                .isTrue();
        this.port = port;
        this.profile = Files.createTempDirectory("journey-chromium");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--window-size=" + LAPTOP.getWidth() + "," + LAPTOP.getHeight(),
                        "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    }

    public WebDriver driver() {
        return browser;
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    public void open(String path) {
        browser.get(url(path));
    }

    /** Signs out whoever was signed in, then signs in with the form, from a signed-out visit to {@code path}. */
    public void signIn(String path, String username, String password) {
        browser.manage().deleteAllCookies();
        browser.get(url(path));
        assertThat(browser.getCurrentUrl())
                .as("signed-out visitors are sent to the sign-in form")
                .endsWith("/login");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form.login button")).click();
        await().atMost(Duration.ofSeconds(15))
                .ignoreExceptions()
                .until(() -> !browser.getCurrentUrl().endsWith("/login"));
    }

    public Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    /** Saves the page at laptop and tablet widths, as {@code <name>-laptop.png} and {@code <name>-tablet.png}. */
    public void screenshots(String name) throws IOException {
        script("window.scrollTo(0, 0);");
        Files.write(target(name + "-laptop.png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
        browser.manage().window().setSize(TABLET);
        Files.write(target(name + "-tablet.png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
        browser.manage().window().setSize(LAPTOP);
    }

    /**
     * Zooms the page as the browser's zoom does: the laptop window shows {@code percent} % bigger, so the page lays
     * itself out for a viewport that many times narrower, at that many device pixels per CSS pixel.
     */
    public void zoom(int percent) {
        ((ChromeDriver) browser)
                .executeCdpCommand(
                        "Emulation.setDeviceMetricsOverride",
                        java.util.Map.of(
                                "width", LAPTOP.getWidth() * 100 / percent,
                                "height", 900 * 100 / percent,
                                "deviceScaleFactor", percent / 100.0,
                                "mobile", false));
    }

    /** Back to the window as it was, at 100 %. */
    public void unzoom() {
        ((ChromeDriver) browser).executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
    }

    /** Saves what the window shows now, as {@code <name>.png}. */
    public void screenshot(String name) throws IOException {
        script("window.scrollTo(0, 0);");
        Files.write(target(name + ".png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
    }

    /**
     * What makes the page wider than its window, so that a reader would have to scroll sideways to read a line: each
     * visible element whose right edge passes the window's, unless it is inside a box that scrolls sideways itself (a
     * wide table in its own scrolling box is allowed, WCAG 1.4.10). Empty when the page fits.
     */
    @SuppressWarnings("unchecked")
    public List<String> sidewaysOverflow() {
        return (List<String>) script("""
                const width = document.documentElement.clientWidth;
                const found = [];
                if (document.documentElement.scrollWidth > width + 1) {
                    found.push('the page is ' + document.documentElement.scrollWidth + ' px wide in a window of '
                        + width);
                }
                for (const el of document.body.querySelectorAll('*')) {
                    const box = el.getBoundingClientRect();
                    if (box.width === 0 || box.right <= width + 1) continue;
                    let scrolls = false;
                    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
                        const style = getComputedStyle(up);
                        if (style.overflowX === 'auto' || style.overflowX === 'scroll') { scrolls = true; break; }
                    }
                    if (!scrolls && getComputedStyle(el).visibility !== 'hidden') {
                        found.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                            + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '')
                            + ' reaches ' + Math.round(box.right) + ' px');
                    }
                }
                return found.slice(0, 10);
                """);
    }

    /**
     * The page's violations of the WCAG 2.1 A and AA rules (axe-core's {@code wcag2a}, {@code wcag2aa},
     * {@code wcag21a} and {@code wcag21aa} tags), each as "rule: nodes"; empty when there are none.
     */
    @SuppressWarnings("unchecked")
    public List<String> accessibilityViolations() {
        Object loaded = script("return typeof window.axe !== 'undefined';");
        if (!Boolean.TRUE.equals(loaded)) {
            script(axeSource());
        }
        Object result = ((JavascriptExecutor) browser)
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {runOnly: {type: 'tag', values: "
                        + "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                        + ".then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): '"
                        + " + v.nodes.map(n => n.target.join(' ') + ' ' + n.failureSummary).join(' | '))))"
                        + ".catch(e => done(['axe failed: ' + e]));");
        return (List<String>) result;
    }

    private static String axeSource() {
        try (InputStream in =
                HeadlessChromium.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
            assertThat(in).as("axe-core's WebJar is on the test class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path target(String name) throws IOException {
        Path dir = Path.of("target", "pages");
        Files.createDirectories(dir);
        return dir.resolve(name);
    }

    @Override
    public void close() throws IOException {
        browser.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
