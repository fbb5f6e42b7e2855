package io.smolsnake.pypackaging.locker;

import io.smolsnake.pypackaging.Decimals;

/**
 * What a lock weighs, for the line a user reads after locking.
 *
 * @param packages how many packages are locked
 * @param downloadBytes the wheels' sizes added up
 * @param installedBytes the wheels' uncompressed sizes added up, or -1 where not every wheel tells
 * @param seconds how long locking took
 */
public record LockSummary(String target, int packages, long downloadBytes, long installedBytes, double seconds) {
    /** Lambda's limit for a zipped deployment package uploaded directly. */
    public static final long LAMBDA_ZIP_LIMIT = 50L * 1024 * 1024;
    /** Lambda's limit for the unzipped function and its layers together. */
    public static final long LAMBDA_UNZIPPED_LIMIT = 250L * 1024 * 1024;

    /** One line: packages, sizes, and whether the dependencies could ship in a Lambda zip at all. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("Locked ").append(packages).append(packages == 1 ? " package" : " packages").append(" for ")
                .append(target).append(" in ").append(Decimals.of(seconds, 1)).append(" s: ").append(bytes(downloadBytes))
                .append(" to download");
        if (installedBytes >= 0) {
            sb.append(", ").append(bytes(installedBytes)).append(" installed");
        }
        sb.append(". ");
        long unzipped = installedBytes >= 0 ? installedBytes : downloadBytes;
        if (unzipped > LAMBDA_UNZIPPED_LIMIT) {
            sb.append("Too big for Lambda's 250 MB unzipped limit: smolsnake serves it from EFS.");
        } else if (downloadBytes > LAMBDA_ZIP_LIMIT) {
            sb.append("Over Lambda's 50 MB zip upload limit: smolsnake serves it from EFS.");
        } else {
            sb.append("It would fit in a Lambda zip; on EFS it ships as a few kilobytes.");
        }
        return sb.toString();
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return Decimals.of(n / 1024.0, 1) + " KB";
        }
        if (n < 1024L * 1024 * 1024) {
            return Decimals.of(n / (1024.0 * 1024), 1) + " MB";
        }
        return Decimals.of(n / (1024.0 * 1024 * 1024), 2) + " GB";
    }

}
