package io.edpipe.kafka;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Waits for Kafka admin calls and turns their failures into categorized errors naming the action. */
final class KafkaCalls {
  private KafkaCalls() {}

  /**
   * The future's value.
   *
   * @param action what was attempted, e.g. "describe topic attempts at 127.0.0.1:9092"
   */
  static <T> T await(KafkaFuture<T> future, String action) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PipelineException(ErrorCode.KAFKA_UNAVAILABLE, e, "Cannot %s: interrupted", action);
    } catch (ExecutionException e) {
      throw failure(action, e.getCause());
    }
  }

  /** For a client that cannot be created, usually because of a bad client property. */
  static PipelineException clientFailure(String client, KafkaException e) {
    return new PipelineException(ErrorCode.BAD_CONFIG, e, "Cannot create Kafka %s: %s", client, rootMessage(e));
  }

  /**
   * The telling message in a chain of causes: Kafka wraps it in generic ones. That is the innermost message, or
   * the outermost one that repeats it with more context ("Socket server failed to bind to 127.0.0.1:9092:
   * Address already in use." rather than "Address already in use").
   */
  static String rootMessage(Throwable error) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable cause = error; cause != null && !chain.contains(cause); cause = cause.getCause()) {
      chain.add(cause);
    }
    String message = String.valueOf(chain.get(chain.size() - 1).getMessage());
    for (int i = chain.size() - 2; i >= 0; i--) {
      String outer = chain.get(i).getMessage();
      if (outer == null || !outer.contains(message)) {
        break;
      }
      message = outer;
    }
    return message;
  }

  static PipelineException failure(String action, Throwable cause) {
    if (cause instanceof TimeoutException) {
      return new PipelineException(
          ErrorCode.KAFKA_UNAVAILABLE, cause, "Cannot %s: no answer from Kafka in time (%s)", action,
          cause.getMessage());
    }
    ErrorCode code = isUserError(cause) ? ErrorCode.BAD_CONFIG : ErrorCode.KAFKA_UNAVAILABLE;
    return new PipelineException(code, cause, "Cannot %s: %s", action, cause.getMessage());
  }

  private static boolean isUserError(Throwable cause) {
    return cause instanceof UnknownTopicOrPartitionException
        || cause instanceof InvalidTopicException
        || cause instanceof InvalidPartitionsException
        || cause instanceof InvalidReplicationFactorException
        || cause instanceof InvalidConfigurationException
        || cause instanceof PolicyViolationException
        || cause instanceof TopicExistsException;
  }
}
