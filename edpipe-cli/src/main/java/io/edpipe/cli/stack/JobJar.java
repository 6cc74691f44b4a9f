package io.edpipe.cli.stack;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The landing job's jar that the build produces for spark-submit (edpipe-spark's {@code job} artifact, copied into
 * the distribution as {@code edpipe-cli/target/job/edpipe-spark-job.jar}); {@code EDPIPE_JOB_JAR} names another.
 */
public final class JobJar {
  public static final String ENVIRONMENT_VARIABLE = "EDPIPE_JOB_JAR";
  static final String FILE_NAME = "edpipe-spark-job.jar";

  private JobJar() {}

  public static Path locate() {
    Optional<Path> explicit = Optional.ofNullable(System.getenv(ENVIRONMENT_VARIABLE)).filter(value -> !value.isBlank()).map(Path::of);
    Path jar = explicit.orElseGet(JobJar::besideDistribution);
    if (!Files.isRegularFile(jar)) {
      throw new PipelineException(
          ErrorCode.BAD_CONFIG,
          "Cannot find the landing job's jar %s%s: build it (mvn -B -DskipTests package) or set %s",
          jar, explicit.isPresent() ? " (" + ENVIRONMENT_VARIABLE + ")" : "", ENVIRONMENT_VARIABLE);
    }
    return jar.toAbsolutePath();
  }

  /** target/job/ next to edpipe-cli's jar (target/edpipe-cli.jar) or classes (target/classes). */
  private static Path besideDistribution() {
    try {
      Path codeSource = Path.of(JobJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return codeSource.toAbsolutePath().getParent().resolve("job").resolve(FILE_NAME);
    } catch (URISyntaxException | RuntimeException e) {
      return Path.of("edpipe-cli", "target", "job", FILE_NAME);
    }
  }
}
