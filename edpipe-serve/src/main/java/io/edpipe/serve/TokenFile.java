package io.edpipe.serve;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.customer.Customers;
import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which secret token is which customer's. A text file, one token per line:
 *
 * <pre>
 * # sha256 of the token                                                  customer  label (optional)
 * sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 acme      alice's notebook
 * </pre>
 *
 * Only the tokens' SHA-256 is stored: the file does not give the tokens away. {@code edpipe serve token} makes a
 * token and appends its line. Blank lines and lines starting with {@code #} are ignored; anything else that is not
 * a valid line is an error naming the file and line.
 */
public final class TokenFile {
  private static final Pattern LINE = Pattern.compile("sha256:([0-9a-f]{64})\\s+(\\S+)(?:\\s+(.*))?");
  /** Tokens read {@code edp.<customer>.<secret>}: a client can tell its user id from its token. */
  private static final String TOKEN_PREFIX = "edp.";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path path;
  private final Map<String, String> customerByHash;

  private TokenFile(Path path, Map<String, String> customerByHash) {
    this.path = requireNonNull(path, "path is null");
    this.customerByHash = Map.copyOf(customerByHash);
  }

  /** Reads and checks the file. */
  public static TokenFile load(Path path) {
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PipelineException(ErrorCode.BAD_CONFIG, e, "Cannot read the tokens file %s: %s", path, e.getMessage());
    }
    Map<String, String> customers = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher matcher = LINE.matcher(line);
      if (!matcher.matches()) {
        throw new PipelineException(
            ErrorCode.BAD_CONFIG,
            "Invalid line %d of the tokens file %s: expected 'sha256:<64 lower-case hex digits> <customer> [label]'",
            i + 1, path);
      }
      String customer = matcher.group(2);
      if (!Customers.isValid(customer)) {
        throw new PipelineException(
            ErrorCode.BAD_CONFIG, "Invalid customer id '%s' on line %d of the tokens file %s", customer, i + 1, path);
      }
      String before = customers.putIfAbsent(matcher.group(1), customer);
      if (before != null) {
        throw new PipelineException(
            ErrorCode.BAD_CONFIG, "Line %d of the tokens file %s repeats a token (of customer %s)", i + 1, path, before);
      }
    }
    return new TokenFile(path, customers);
  }

  /**
   * Makes a new token for {@code customer}, appends its hash to the file (created if missing), and returns the
   * token: the only time it is seen.
   */
  public static String add(Path path, String customer, String label) {
    Customers.check(customer, "the token's customer");
    if (label != null && (label.contains("\n") || label.contains("\r"))) {
      throw new PipelineException(ErrorCode.BAD_USAGE, "Invalid token label: one line only");
    }
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = TOKEN_PREFIX + customer + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    String line = "sha256:" + sha256(token) + " " + customer + (label == null || label.isBlank() ? "" : " " + label.strip());
    try {
      if (path.getParent() != null) {
        Files.createDirectories(path.getParent());
      }
      Files.writeString(
          path, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new PipelineException(ErrorCode.BAD_CONFIG, e, "Cannot write the tokens file %s: %s", path, e.getMessage());
    }
    return token;
  }

  /** The customer whose token this is. */
  public Optional<String> customerOf(String token) {
    if (token == null || token.isEmpty() || token.length() > 1024) {
      return Optional.empty();
    }
    return Optional.ofNullable(customerByHash.get(sha256(token)));
  }

  public Path path() {
    return path;
  }

  /** How many tokens the file holds. */
  public int size() {
    return customerByHash.size();
  }

  /** How many customers have a token. */
  public long customers() {
    return customerByHash.values().stream().distinct().count();
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
