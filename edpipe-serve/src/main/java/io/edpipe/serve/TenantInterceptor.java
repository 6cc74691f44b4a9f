package io.edpipe.serve;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.connect.service.SessionHolder;
import org.apache.spark.sql.connect.service.SparkConnectService$;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkproject.connect.grpc.ForwardingServerCallListener;
import org.sparkproject.connect.grpc.Metadata;
import org.sparkproject.connect.grpc.ServerCall;
import org.sparkproject.connect.grpc.ServerCallHandler;
import org.sparkproject.connect.grpc.ServerInterceptor;
import org.sparkproject.connect.grpc.Status;
import org.sparkproject.connect.protobuf.Descriptors.FieldDescriptor;
import org.sparkproject.connect.protobuf.Message;
import scala.Option;

/**
 * The door of {@code edpipe serve}, for every gRPC call (Spark Connect's {@code
 * spark.connect.grpc.interceptor.classes}):
 *
 * <ol>
 *   <li>the bearer token must be one of the tokens file's: it names the customer;
 *   <li>the request's user id must be that customer's id: a session is its user's, and a client cannot claim
 *       another's;
 *   <li>the request must pass the {@link RequestGate};
 *   <li>the Spark session it runs in is bound to the customer ({@link Tenants}) before the server sees the request,
 *       so the plan rules hold it to the customer's rows from its first query on.
 * </ol>
 *
 * Refusals close the call with UNAUTHENTICATED or PERMISSION_DENIED and a message that says why.
 */
public final class TenantInterceptor implements ServerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(TenantInterceptor.class);
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final AtomicReference<Server> SERVER = new AtomicReference<>();

  /** What the interceptor needs from the server that installs it: the tokens, and what a new session gets. */
  public interface Server {
    Optional<String> customerOf(String token);

    /** Called once for each session bound to a customer, after binding: registers its views. */
    void opened(org.apache.spark.sql.SparkSession session, String customer);
  }

  /** Installs the server's tokens; Spark Connect makes the interceptor itself, by its class name. */
  public static void install(Server server) {
    SERVER.set(server);
  }

  public static void uninstall() {
    SERVER.set(null);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    Server server = SERVER.get();
    String method = call.getMethodDescriptor().getBareMethodName();
    if (server == null) {
      return refuse(call, Status.UNAVAILABLE, "edpipe serve is not ready");
    }
    Optional<String> customer = bearer(headers.get(AUTHORIZATION)).flatMap(server::customerOf);
    if (customer.isEmpty()) {
      log.warn("Refused {}: {} token", method, headers.get(AUTHORIZATION) == null ? "no" : "an unknown");
      return refuse(
          call,
          Status.UNAUTHENTICATED,
          headers.get(AUTHORIZATION) == null
              ? "a token is required: connect with sc://host:port/;token=...;user_id=<customer>"
              : "unknown token");
    }
    if (!RequestGate.METHODS.contains(method)) {
      return refuse(call, Status.PERMISSION_DENIED, RequestGate.refusal(method, null).orElse(method + " is not allowed"));
    }
    ServerCall.Listener<Q> delegate = next.startCall(call, headers);
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
      private boolean closed;

      @Override
      public void onMessage(Q message) {
        if (closed) {
          return;
        }
        Optional<String> refusal = check(method, (Message) message, customer.get(), server);
        if (refusal.isPresent()) {
          closed = true;
          log.warn("Refused {} of customer {}: {}", method, customer.get(), refusal.get());
          call.close(Status.PERMISSION_DENIED.withDescription("edpipe serve: " + refusal.get()), new Metadata());
          return;
        }
        super.onMessage(message);
      }

      @Override
      public void onHalfClose() {
        if (!closed) {
          super.onHalfClose();
        }
      }
    };
  }

  private static Optional<String> check(String method, Message request, String customer, Server server) {
    String userId = text(request, "user_context", "user_id");
    if (!customer.equals(userId)) {
      return Optional.of(
          "the session's user id '" + userId + "' is not the token's customer: connect with ;user_id=" + customer);
    }
    Optional<String> refusal = RequestGate.refusal(method, request);
    if (refusal.isPresent() || !RequestGate.SESSION_OPENING.contains(method)) {
      return refusal;
    }
    String sessionId = text(request, null, "session_id");
    try {
      SessionHolder holder =
          SparkConnectService$.MODULE$.getOrCreateIsolatedSession(userId, sessionId, Option.empty());
      if (Tenants.bind(holder.session(), customer)) {
        server.opened(holder.session(), customer);
      }
      return Optional.empty();
    } catch (RuntimeException e) { // an invalid session id, a closed session: the server words it
      log.debug("Cannot open session {} of {}", sessionId, customer, e);
      return Optional.empty();
    }
  }

  /** A string field of the request, or of its message field {@code outer}; empty when absent. */
  private static String text(Message request, String outer, String field) {
    Message message = request;
    if (outer != null) {
      FieldDescriptor outerField = message.getDescriptorForType().findFieldByName(outer);
      if (outerField == null) {
        return "";
      }
      message = (Message) message.getField(outerField);
    }
    FieldDescriptor descriptor = message.getDescriptorForType().findFieldByName(field);
    return descriptor == null ? "" : String.valueOf(message.getField(descriptor));
  }

  private static Optional<String> bearer(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    String value = authorization.strip();
    return value.regionMatches(true, 0, "Bearer ", 0, 7) ? Optional.of(value.substring(7).strip()) : Optional.empty();
  }

  private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status, String why) {
    call.close(status.withDescription("edpipe serve: " + why), new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
