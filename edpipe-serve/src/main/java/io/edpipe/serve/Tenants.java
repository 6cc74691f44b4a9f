package io.edpipe.serve;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import org.apache.spark.sql.SparkSession;

/**
 * Whom each Spark session of the server serves: one customer, bound when the session's first authenticated
 * request arrives ({@link TenantInterceptor}); or the server itself (trusted), for what it sets up. A session that is
 * neither is refused everything: the rules fail closed.
 *
 * <p>Sessions are held weakly: a session the Spark Connect server closes and forgets is forgotten here too.
 */
public final class Tenants {
  private static final Map<SparkSession, String> CUSTOMERS = Collections.synchronizedMap(new WeakHashMap<>());
  private static final Map<SparkSession, Boolean> TRUSTED = Collections.synchronizedMap(new WeakHashMap<>());

  private Tenants() {}

  /** Whom a session serves. */
  public sealed interface Tenant permits Trusted, Customer {}

  /** The server's own session. */
  public record Trusted() implements Tenant {}

  /** A customer's session: it sees only that customer's rows. */
  public record Customer(String id) implements Tenant {
    public Customer {
      requireNonNull(id, "id is null");
    }
  }

  /** Marks the server's own session, which sets up the tables; never a customer's. */
  public static void trust(SparkSession session) {
    requireNonNull(session, "session is null");
    if (CUSTOMERS.containsKey(session)) {
      throw new IllegalStateException("Cannot trust a customer's session");
    }
    TRUSTED.put(session, Boolean.TRUE);
  }

  /**
   * Binds {@code session} to {@code customer}, once and for good.
   *
   * @return true if the session was not bound before
   * @throws IllegalStateException if it serves another customer, or the server
   */
  public static boolean bind(SparkSession session, String customer) {
    requireNonNull(session, "session is null");
    requireNonNull(customer, "customer is null");
    if (TRUSTED.containsKey(session)) {
      throw new IllegalStateException("Cannot bind the server's own session to customer " + customer);
    }
    synchronized (CUSTOMERS) {
      String before = CUSTOMERS.putIfAbsent(session, customer);
      if (before != null && !before.equals(customer)) {
        throw new IllegalStateException("Session already serves customer " + before + ", not " + customer);
      }
      return before == null;
    }
  }

  /** Whom {@code session} serves; empty for a session nobody bound. */
  public static Optional<Tenant> of(SparkSession session) {
    if (session == null) {
      return Optional.empty();
    }
    if (TRUSTED.containsKey(session)) {
      return Optional.of(new Trusted());
    }
    return Optional.ofNullable(CUSTOMERS.get(session)).map(Customer::new);
  }
}
