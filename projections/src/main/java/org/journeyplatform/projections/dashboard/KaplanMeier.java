package org.journeyplatform.projections.dashboard;

import java.util.ArrayList;
import java.util.List;

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
    record Point(long day, double shareStillOut, int atRisk) {}

    private KaplanMeier() {}

    /**
     * The days on which someone's follow-up ended, in order, with how many returned and how many were censored on
     * each: the follow-ups sorted once as plain numbers (a dashboard computes this for every request).
     */
    private record ByDay(long[] days, int[] returned, int[] censored, int size) {

        static ByDay of(List<DashboardCalculator.FollowUp> followUps) {
            long[] keys = new long[followUps.size()];
            for (int i = 0; i < keys.length; i++) {
                DashboardCalculator.FollowUp f = followUps.get(i);
                keys[i] = f.days() * 2 + (f.returned() ? 0 : 1);
            }
            java.util.Arrays.sort(keys);
            long[] days = new long[keys.length];
            int[] returned = new int[keys.length];
            int[] censored = new int[keys.length];
            int size = 0;
            for (long key : keys) {
                long day = Math.floorDiv(key, 2);
                if (size == 0 || days[size - 1] != day) {
                    days[size++] = day;
                }
                if (Math.floorMod(key, 2) == 0) {
                    returned[size - 1]++;
                } else {
                    censored[size - 1]++;
                }
            }
            return new ByDay(days, returned, censored, size);
        }
    }

    /** The curve's steps: day 0 at 100%, then one point per day on which someone returned. */
    static List<Point> curve(List<DashboardCalculator.FollowUp> followUps) {
        ByDay byDay = ByDay.of(followUps);
        List<Point> points = new ArrayList<>();
        int atRisk = followUps.size();
        double share = 1.0;
        points.add(new Point(0, 1.0, atRisk));
        for (int d = 0; d < byDay.size(); d++) {
            int returned = byDay.returned()[d];
            if (returned > 0) {
                share *= 1.0 - (double) returned / atRisk;
                if (byDay.days()[d] == 0) {
                    points.set(0, new Point(0, share, atRisk));
                } else {
                    points.add(new Point(byDay.days()[d], share, atRisk));
                }
            }
            atRisk -= returned + byDay.censored()[d];
        }
        return points;
    }

    /**
     * The curve as it may be shown: from 100% on day 0, one step each time at least {@code threshold} more returns
     * have happened (a step never tells of fewer people than that), and only while at least {@code threshold} are
     * still followed up. A shown step's share is the exact Kaplan-Meier estimate on that day.
     */
    static List<Point> coarsened(List<DashboardCalculator.FollowUp> followUps, int threshold) {
        ByDay byDay = ByDay.of(followUps);
        List<Point> points = new ArrayList<>();
        int atRisk = followUps.size();
        points.add(new Point(0, 1.0, atRisk));
        double share = 1.0;
        int pending = 0;
        for (int d = 0; d < byDay.size(); d++) {
            int returned = byDay.returned()[d];
            if (returned > 0) {
                if (atRisk < threshold) {
                    break;
                }
                share *= 1.0 - (double) returned / atRisk;
                pending += returned;
                if (pending >= threshold) {
                    points.add(new Point(byDay.days()[d], share, atRisk));
                    pending = 0;
                }
            }
            atRisk -= returned + byDay.censored()[d];
        }
        if (pending == 0 && points.size() > 0) {
            // no return left unshown: the curve runs on, level, to the last day enough are still followed up
            long lastDay = -1;
            int lastAtRisk = 0;
            int followed = followUps.size();
            for (int d = 0; d < byDay.size(); d++) {
                if (followed < threshold) {
                    break;
                }
                lastDay = byDay.days()[d];
                lastAtRisk = followed;
                followed -= byDay.returned()[d] + byDay.censored()[d];
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
        return curve(followUps).stream()
                .filter(p -> p.shareStillOut() <= 0.5 + 1e-9)
                .findFirst()
                .orElse(null);
    }

    /** The first day on which the share still out falls to one half or below; null when it has not. */
    static Double median(List<DashboardCalculator.FollowUp> followUps) {
        return curve(followUps).stream()
                .filter(p -> p.shareStillOut() <= 0.5 + 1e-9)
                .findFirst()
                .map(p -> (double) p.day())
                .orElse(null);
    }
}
