package org.journeyplatform.projections.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The Kaplan-Meier estimate of the share still out (no relapse or return yet) N days after an exit, with those still
 * out when follow-up ends counted as censored.
 */
final class KaplanMeier {

    /**
     * One step of the curve.
     *
     * @param day          days since exit
     * @param shareStillOut the estimated share with no relapse or return by that day
     * @param atRisk        how many were still followed up (not returned, not censored) just before that day
     */
    record Point(long day, double shareStillOut, int atRisk) {
    }

    private KaplanMeier() {
    }

    /** The curve's steps: day 0 at 100%, then one point per day on which someone returned. */
    static List<Point> curve(List<DashboardCalculator.FollowUp> followUps) {
        TreeMap<Long, int[]> byDay = new TreeMap<>(); // day -> {returned, censored}
        followUps.forEach(f -> byDay.computeIfAbsent(f.days(), d -> new int[2])[f.returned() ? 0 : 1]++);
        List<Point> points = new ArrayList<>();
        int atRisk = followUps.size();
        double share = 1.0;
        points.add(new Point(0, 1.0, atRisk));
        for (var entry : byDay.entrySet()) {
            int returned = entry.getValue()[0];
            if (returned > 0) {
                share *= 1.0 - (double) returned / atRisk;
                if (entry.getKey() == 0) {
                    points.set(0, new Point(0, share, atRisk));
                } else {
                    points.add(new Point(entry.getKey(), share, atRisk));
                }
            }
            atRisk -= returned + entry.getValue()[1];
        }
        return points;
    }

    /**
     * The curve as it may be shown: from 100% on day 0, one step each time at least {@code threshold} more returns
     * have happened (a step never tells of fewer people than that), and only while at least {@code threshold} are
     * still followed up. A shown step's share is the exact Kaplan-Meier estimate on that day.
     */
    static List<Point> coarsened(List<DashboardCalculator.FollowUp> followUps, int threshold) {
        TreeMap<Long, int[]> byDay = new TreeMap<>(); // day -> {returned, censored}
        followUps.forEach(f -> byDay.computeIfAbsent(f.days(), d -> new int[2])[f.returned() ? 0 : 1]++);
        List<Point> points = new ArrayList<>();
        int atRisk = followUps.size();
        points.add(new Point(0, 1.0, atRisk));
        double share = 1.0;
        int pending = 0;
        for (var entry : byDay.entrySet()) {
            int returned = entry.getValue()[0];
            if (returned > 0) {
                if (atRisk < threshold) {
                    break;
                }
                share *= 1.0 - (double) returned / atRisk;
                pending += returned;
                if (pending >= threshold) {
                    points.add(new Point(entry.getKey(), share, atRisk));
                    pending = 0;
                }
            }
            atRisk -= returned + entry.getValue()[1];
        }
        if (pending == 0 && points.size() > 0) {
            // no return left unshown: the curve runs on, level, to the last day enough are still followed up
            long lastDay = -1;
            int lastAtRisk = 0;
            int followed = followUps.size();
            for (var entry : byDay.entrySet()) {
                if (followed < threshold) {
                    break;
                }
                lastDay = entry.getKey();
                lastAtRisk = followed;
                followed -= entry.getValue()[0] + entry.getValue()[1];
            }
            Point last = points.get(points.size() - 1);
            if (lastDay > last.day()) {
                points.add(new Point(lastDay, last.shareStillOut(), lastAtRisk));
            }
        }
        return points;
    }

    /**
     * The step of the full curve where the share still out first falls to one half or below (with a tolerance for
     * rounding: 12 returns of 24 multiply out to 0.5000000000000001); null if it has not.
     */
    static Point medianPoint(List<DashboardCalculator.FollowUp> followUps) {
        return curve(followUps).stream().filter(p -> p.shareStillOut() <= 0.5 + 1e-9).findFirst().orElse(null);
    }

    /** The first day on which the share still out falls to one half or below; null when it has not. */
    static Double median(List<DashboardCalculator.FollowUp> followUps) {
        return curve(followUps).stream().filter(p -> p.shareStillOut() <= 0.5 + 1e-9).findFirst()
                .map(p -> (double) p.day()).orElse(null);
    }
}
