package org.journeyplatform.api.dashboard;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.LocalDate;
import org.journeyplatform.projections.dashboard.ProgrammeDashboard;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Programme dashboards as JSON, for programme managers: figures over a period, small cells suppressed (a suppressed
 * cell has no value, only "fewer than N"). Definitions: docs/metrics.md.
 */
@RestController
@Tag(name = "Dashboards", description = "Programme figures for managers and funders, small cells suppressed")
public class DashboardController {

    private final Dashboards dashboards;

    public DashboardController(Dashboards dashboards) {
        this.dashboards = dashboards;
    }

    @GetMapping("/api/v1/programmes/{programmeId}/dashboard")
    @Operation(summary = "A programme's dashboard over a period (default: the last twelve calendar months)")
    public ProgrammeDashboard programme(
            @PathVariable String programmeId,
            @Parameter(description = "first day, e.g. 2025-01-01")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate from,
            @Parameter(description = "last day, e.g. 2025-12-31; default today")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate to,
            @Parameter(description = "month (default), quarter or year") @RequestParam(required = false)
                    String interval,
            Principal user) {
        return dashboards.ofProgramme(user.getName(), programmeId, from, to, Dashboards.interval(interval));
    }

    @GetMapping("/api/v1/dashboard")
    @Operation(summary = "The dashboard of all the programmes you work in, each participant counted once")
    public ProgrammeDashboard all(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @Parameter(description = "month (default), quarter or year") @RequestParam(required = false)
                    String interval,
            Principal user) {
        return dashboards.ofAll(user.getName(), from, to, Dashboards.interval(interval));
    }
}
