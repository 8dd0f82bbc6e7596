package org.losslab.common.plasticc.sim;

import java.util.SplittableRandom;

/**
 * LSST-like observing schedules over the three PLAsTiCC years. A field is observable for a season of
 * about half a year centred on its opposition with the Sun. Wide-fast-deep (WFD) fields get 100-180
 * visits in all, one or two per night a few nights apart, in random bands; deep-drilling fields (DDF)
 * get 300-350: a nightly r g i z y sequence every few nights and runs of u-band nights around new moon,
 * as in the real deep fields.
 */
final class Cadence {
    static final double SURVEY_START = 59580.0;
    static final double SURVEY_END = 60675.0;
    static final int SURVEY_NIGHTS = (int) (SURVEY_END - SURVEY_START);
    static final int WFD_MIN_VISITS = 100;
    static final int WFD_MAX_VISITS = 180;
    static final int DDF_MIN_VISITS = 300;
    static final int DDF_MAX_VISITS = 350;

    private static final double YEAR = 365.25;
    private static final double SYNODIC_MONTH = 29.530588853;
    private static final double NEW_MOON_MJD = 51550.26; // 2000-01-06 18:14 UTC
    private static final double SUN_LONGITUDE_J2000 = 280.46;
    private static final double SUN_DEGREES_PER_DAY = 0.9856474;
    private static final double MJD_J2000 = 51544.5;

    /** Band mix of the WFD survey (u g r i z y), roughly that of the baseline OpSim run. */
    private static final double[] WFD_BAND_CUMULATIVE = cumulative(new double[] {0.07, 0.10, 0.22, 0.22, 0.20, 0.19});
    private static final double WFD_PAIR_PROBABILITY = 0.6;
    private static final double WFD_SAME_BAND_PAIR_PROBABILITY = 0.4;
    private static final byte[] DDF_SEQUENCE = {2, 1, 3, 4, 5};

    private static final byte NONE = 0;
    private static final byte SINGLE = 1;
    private static final byte PAIR = 2;
    private static final byte U_RUN = 3;
    private static final byte SEQUENCE = 4;

    private Cadence() {
    }

    /** Observation times (MJD, non-decreasing) and passbands of one object. */
    record Schedule(double[] mjd, byte[] band) {
        int size() {
            return mjd.length;
        }
    }

    static Schedule draw(boolean ddf, double ra, SplittableRandom rng) {
        boolean[] observable = seasons(ra, ddf, rng);
        byte[] nights = ddf ? deepDrillingNights(observable, rng) : wideFastNights(observable, rng);
        return expand(nights, rng);
    }

    /** MJD of the first opposition (Sun opposite the field) of right ascension {@code ra} at or after {@code after}. */
    static double oppositionAfter(double ra, double after) {
        double sunLongitude = ra + 180.0;
        double days = ((sunLongitude - SUN_LONGITUDE_J2000) % 360.0 + 360.0) % 360.0 / SUN_DEGREES_PER_DAY;
        double first = MJD_J2000 + days;
        return first + Math.ceil((after - first) / YEAR) * YEAR;
    }

    private static boolean[] seasons(double ra, boolean ddf, SplittableRandom rng) {
        boolean[] observable = new boolean[SURVEY_NIGHTS];
        double length = ddf ? uniform(rng, 130.0, 165.0) : uniform(rng, 160.0, 200.0);
        for (double centre = oppositionAfter(ra, SURVEY_START - YEAR); centre < SURVEY_END + YEAR; centre += YEAR) {
            double jittered = centre + uniform(rng, -10.0, 10.0);
            int from = Math.max(0, (int) Math.ceil(jittered - length / 2 - SURVEY_START));
            int to = Math.min(SURVEY_NIGHTS, (int) Math.floor(jittered + length / 2 - SURVEY_START));
            for (int n = from; n < to; n++) {
                observable[n] = true;
            }
        }
        return observable;
    }

    private static byte[] wideFastNights(boolean[] observable, SplittableRandom rng) {
        int target = WFD_MIN_VISITS + rng.nextInt(WFD_MAX_VISITS - WFD_MIN_VISITS + 1);
        int nightCount = (int) Math.round(target / (1.0 + WFD_PAIR_PROBABILITY));
        byte[] nights = new byte[SURVEY_NIGHTS];
        int[] chosen = spreadNights(observable, nightCount, rng);
        int pairsLeft = target - chosen.length;
        for (int k = 0; k < chosen.length; k++) {
            // sequential sampling without replacement: exactly pairsLeft of the remaining nights get a pair
            boolean pair = rng.nextInt(chosen.length - k) < pairsLeft;
            nights[chosen[k]] = pair ? PAIR : SINGLE;
            if (pair) {
                pairsLeft--;
            }
        }
        return nights;
    }

    private static byte[] deepDrillingNights(boolean[] observable, SplittableRandom rng) {
        int target = DDF_MIN_VISITS + rng.nextInt(DDF_MAX_VISITS - DDF_MIN_VISITS + 1);
        byte[] nights = new byte[SURVEY_NIGHTS];
        int uNights = markUbandRuns(observable, nights, 5 + rng.nextInt(3));
        boolean[] free = new boolean[SURVEY_NIGHTS];
        for (int n = 0; n < SURVEY_NIGHTS; n++) {
            free[n] = observable[n] && nights[n] == NONE;
        }
        int sequences = Math.max(1, Math.round((target - uNights) / (float) DDF_SEQUENCE.length));
        for (int n : spreadNights(free, sequences, rng)) {
            nights[n] = SEQUENCE;
        }
        return nights;
    }

    /** Marks u-band nights in runs of {@code runLength} centred on each new moon; returns how many. */
    private static int markUbandRuns(boolean[] observable, byte[] nights, int runLength) {
        int marked = 0;
        double firstNewMoon = NEW_MOON_MJD + Math.ceil((SURVEY_START - SYNODIC_MONTH - NEW_MOON_MJD) / SYNODIC_MONTH) * SYNODIC_MONTH;
        for (double newMoon = firstNewMoon; newMoon < SURVEY_END + SYNODIC_MONTH; newMoon += SYNODIC_MONTH) {
            int first = (int) Math.floor(newMoon - SURVEY_START) - runLength / 2;
            for (int n = Math.max(0, first); n < Math.min(SURVEY_NIGHTS, first + runLength); n++) {
                if (observable[n]) {
                    nights[n] = U_RUN;
                    marked++;
                }
            }
        }
        return marked;
    }

    /**
     * Picks {@code count} of the allowed nights, one at random in each of {@code count} equal runs of
     * allowed nights: visits a few nights apart with irregular gaps, and an exact number of them.
     */
    private static int[] spreadNights(boolean[] allowed, int count, SplittableRandom rng) {
        int[] candidates = new int[SURVEY_NIGHTS];
        int available = 0;
        for (int n = 0; n < SURVEY_NIGHTS; n++) {
            if (allowed[n]) {
                candidates[available++] = n;
            }
        }
        int k = Math.min(count, available);
        int[] chosen = new int[k];
        double stratum = (double) available / k;
        for (int i = 0; i < k; i++) {
            int lo = (int) Math.floor(i * stratum);
            int hi = Math.max(lo + 1, (int) Math.floor((i + 1) * stratum));
            chosen[i] = candidates[lo + rng.nextInt(hi - lo)];
        }
        return chosen;
    }

    private static Schedule expand(byte[] nights, SplittableRandom rng) {
        int size = 0;
        for (byte kind : nights) {
            size += visits(kind);
        }
        double[] mjd = new double[size];
        byte[] band = new byte[size];
        int k = 0;
        for (int n = 0; n < SURVEY_NIGHTS; n++) {
            byte kind = nights[n];
            if (kind == NONE) {
                continue;
            }
            // LSST nights fall between about MJD .0 and .4 (UTC evening to morning in Chile)
            double t = SURVEY_START + n + uniform(rng, 0.0, 0.38);
            switch (kind) {
                case SINGLE -> {
                    mjd[k] = t;
                    band[k++] = wfdBand(rng);
                }
                case PAIR -> {
                    byte first = wfdBand(rng);
                    mjd[k] = t;
                    band[k++] = first;
                    mjd[k] = t + uniform(rng, 0.015, 0.04);
                    band[k++] = rng.nextDouble() < WFD_SAME_BAND_PAIR_PROBABILITY ? first : wfdBand(rng);
                }
                case U_RUN -> {
                    mjd[k] = t;
                    band[k++] = 0;
                }
                default -> {
                    for (byte b : DDF_SEQUENCE) {
                        mjd[k] = t;
                        band[k++] = b;
                        t += uniform(rng, 0.007, 0.011);
                    }
                }
            }
        }
        for (int i = 0; i < size; i++) {
            mjd[i] = Sky.round(mjd[i], 1e4);
        }
        return new Schedule(mjd, band);
    }

    private static int visits(byte kind) {
        return switch (kind) {
            case NONE -> 0;
            case SINGLE, U_RUN -> 1;
            case PAIR -> 2;
            default -> DDF_SEQUENCE.length;
        };
    }

    private static byte wfdBand(SplittableRandom rng) {
        double u = rng.nextDouble();
        byte b = 0;
        while (b < WFD_BAND_CUMULATIVE.length - 1 && u >= WFD_BAND_CUMULATIVE[b]) {
            b++;
        }
        return b;
    }

    private static double[] cumulative(double[] weights) {
        double[] c = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            c[i] = sum;
        }
        for (int i = 0; i < c.length; i++) {
            c[i] /= sum;
        }
        return c;
    }

    static double uniform(SplittableRandom rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }
}
