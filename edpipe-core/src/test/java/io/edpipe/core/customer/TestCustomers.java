package io.edpipe.core.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edpipe.core.error.PipelineException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TestCustomers {
  @Test
  void acceptsLowerCaseIdsOfLettersDigitsDashesAndUnderscores() {
    assertThat(Customers.isValid("pearson")).isTrue();
    assertThat(Customers.isValid("customer-1")).isTrue();
    assertThat(Customers.isValid("9_lives")).isTrue();
    assertThat(Customers.isValid("a".repeat(64))).isTrue();
  }

  @Test
  void rejectsEverythingElse() {
    for (String id :
        new String[] {
          "", "Pearson", "-x", "_x", "a b", "a'b", "a;b", "a\"b", "a.b", "a/b", "é", "a".repeat(65), "x\n", "%"
        }) {
      assertThat(Customers.isValid(id)).as(id).isFalse();
    }
    assertThat(Customers.isValid(null)).isFalse();
    assertThatThrownBy(() -> Customers.check("O'Reilly", "--customer"))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("Invalid customer id 'O'Reilly' for --customer");
  }

  @Test
  void readsHeaderValues() {
    assertThat(Customers.fromHeader(Customers.headerValue("acme"))).contains("acme");
    assertThat(Customers.fromHeader("acme".getBytes(StandardCharsets.UTF_8))).contains("acme");
    assertThat(Customers.fromHeader(null)).isEmpty();
    assertThat(Customers.fromHeader(new byte[0])).isEmpty();
    assertThat(Customers.fromHeader("ACME".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(Customers.fromHeader("acmé".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(Customers.fromHeader(new byte[] {'a', (byte) 0xff})).isEmpty();
    assertThat(Customers.fromHeader("a".repeat(65).getBytes(StandardCharsets.UTF_8))).isEmpty();
  }
}
