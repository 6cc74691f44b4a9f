package io.edpipe.core.items;

import java.util.Arrays;

/**
 * Sample statistics as Moodle's quiz statistics compute them: two passes (mean, then deviations), n - 1
 * denominators, and null rather than NaN where a statistic is undefined.
 */
final class Moments {
  private Moments() {}

  static double mean(double[] values) {
    double sum = 0;
    for (double value : values) {
      sum += value;
    }
    return sum / values.length;
  }

  /** The sample covariance (n - 1 denominator); null for fewer than 2 values. */
  static Double covariance(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("Cannot compute a covariance of " + x.length + " and " + y.length + " values");
    }
    if (x.length < 2) {
      return null;
    }
    double meanX = mean(x);
    double meanY = mean(y);
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += (x[i] - meanX) * (y[i] - meanY);
    }
    return sum / (x.length - 1);
  }

  /** The sample variance (n - 1 denominator); null for fewer than 2 values. */
  static Double variance(double[] values) {
    return covariance(values, values);
  }

  /** The square root of the sample variance; null for fewer than 2 values. */
  static Double standardDeviation(double[] values) {
    Double variance = variance(values);
    return variance == null ? null : Math.sqrt(variance);
  }

  /** The middle value, or the mean of the two middle values; null for no values. */
  static Double median(double[] values) {
    if (values.length == 0) {
      return null;
    }
    double[] sorted = sorted(values);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  static double[] sorted(double[] values) {
    double[] copy = values.clone();
    Arrays.sort(copy);
    return copy;
  }

  /** Pearson's correlation, cov / sqrt(var x * var y); null when either variance is 0 or undefined. */
  static Double correlation(double[] x, double[] y) {
    Double covariance = covariance(x, y);
    Double varianceX = variance(x);
    Double varianceY = variance(y);
    if (covariance == null || varianceX == 0 || varianceY == 0) {
      return null;
    }
    return covariance / Math.sqrt(varianceX * varianceY);
  }

  /**
   * Skewness and kurtosis from the bias-corrected k-statistics (Moodle: k2 = n m2 / (n-1), k3 = n^2 m3 /
   * ((n-1)(n-2)), k4 = n^2 ((n+1) m4 - 3 (n-1) m2^2) / ((n-1)(n-2)(n-3)), skewness = k3 / k2^1.5, kurtosis = k4 /
   * k2^2, where m_r is the mean of the r-th powers of the deviations). Null for n < 3 (skewness), n < 4
   * (kurtosis), or no variance.
   */
  static Shape shape(double[] values) {
    int n = values.length;
    if (n < 3) {
      return new Shape(null, null);
    }
    double mean = mean(values);
    double power2 = 0;
    double power3 = 0;
    double power4 = 0;
    for (double value : values) {
      double deviation = value - mean;
      power2 += deviation * deviation;
      power3 += deviation * deviation * deviation;
      power4 += deviation * deviation * deviation * deviation;
    }
    double m2 = power2 / n;
    double m3 = power3 / n;
    double m4 = power4 / n;
    double k2 = n * m2 / (n - 1);
    if (k2 == 0) {
      return new Shape(null, null);
    }
    double k3 = (double) n * n * m3 / ((n - 1.0) * (n - 2.0));
    Double skewness = k3 / Math.pow(k2, 1.5);
    Double kurtosis = null;
    if (n >= 4) {
      double k4 = (double) n * n * ((n + 1.0) * m4 - 3.0 * (n - 1.0) * m2 * m2) / ((n - 1.0) * (n - 2.0) * (n - 3.0));
      kurtosis = k4 / (k2 * k2);
    }
    return new Shape(skewness, kurtosis);
  }

  record Shape(Double skewness, Double kurtosis) {}
}
