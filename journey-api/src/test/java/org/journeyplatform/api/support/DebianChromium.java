package org.journeyplatform.api.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium and chromedriver for the browser tests. A fresh machine of this kind does not have them; the test
 * command must still work there (README.md), so the first browser test installs them from Debian's packages (the one
 * registry this kind reaches that carries them; test tools never download browsers themselves). Installing needs root
 * or password-less sudo: without either, the browser test fails and says what to run.
 */
public final class DebianChromium {

    private DebianChromium() {}

    /** Installs chromium and chromium-driver when either is missing; answers whether both are there now. */
    public static synchronized boolean ensureInstalled(Path chromium, Path chromedriver) {
        if (Files.isExecutable(chromium) && Files.isExecutable(chromedriver)) {
            return true;
        }
        if (!Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            return false;
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        List<String> sudo = root ? List.of() : List.of("sudo", "-n");
        System.out.println("Installing Debian's chromium and chromium-driver for the browser test (apt-get)");
        boolean installed = run(sudo, "apt-get", "install", "-y", "-q", "chromium", "chromium-driver")
                || (run(sudo, "apt-get", "update", "-q")
                        && run(sudo, "apt-get", "install", "-y", "-q", "chromium", "chromium-driver"));
        return installed && Files.isExecutable(chromium) && Files.isExecutable(chromedriver);
    }

    private static boolean run(List<String> prefix, String... command) {
        List<String> line = new ArrayList<>(prefix);
        line.addAll(List.of(command));
        ProcessBuilder builder =
                new ProcessBuilder(line).redirectErrorStream(true).inheritIO();
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        try {
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
