package io.edpipe.core.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import org.junit.jupiter.api.Test;

class TestTwinConfig {
  @Test
  void defaultsGiveTheExactTwinAsAnArray() {
    TwinConfig config = TwinConfig.defaults();

    assertThat(config).isEqualTo(new TwinConfig(20_180_128L, 3_280, TwinFormat.ARRAY));
    assertThat(config.isExact()).isTrue();
    assertThat(new TwinConfig(1, 1_000_000, TwinFormat.JSONL).isExact()).isFalse();
  }

  @Test
  void rejectsRecordsBelowOne() {
    assertThatThrownBy(() -> new TwinConfig(1, 0, TwinFormat.ARRAY))
        .isInstanceOf(PipelineException.class)
        .hasMessage("Invalid value 0 for records: must be >= 1")
        .satisfies(e -> assertThat(((PipelineException) e).code()).isEqualTo(ErrorCode.BAD_CONFIG));
  }

  @Test
  void rejectsAMissingFormat() {
    assertThatThrownBy(() -> new TwinConfig(1, 1, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("format is null");
  }
}
