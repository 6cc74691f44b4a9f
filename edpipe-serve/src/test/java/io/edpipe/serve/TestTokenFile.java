package io.edpipe.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edpipe.core.error.PipelineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestTokenFile {
  @TempDir Path directory;

  @Test
  void storesOnlyTheHashAndFindsTheCustomerOfEachToken() throws IOException {
    Path file = directory.resolve("tokens");
    String acme = TokenFile.add(file, "acme", "alice's notebook");
    String acmeToo = TokenFile.add(file, "acme", null);
    String globex = TokenFile.add(file, "globex", null);

    assertThat(acme).startsWith("edp.acme.").hasSizeGreaterThan(50).isNotEqualTo(acmeToo);
    String text = Files.readString(file);
    assertThat(text).doesNotContain(acme, acmeToo, globex).contains("acme alice's notebook");
    TokenFile tokens = TokenFile.load(file);
    assertThat(tokens.size()).isEqualTo(3);
    assertThat(tokens.customers()).isEqualTo(2);
    assertThat(tokens.customerOf(acme)).contains("acme");
    assertThat(tokens.customerOf(acmeToo)).contains("acme");
    assertThat(tokens.customerOf(globex)).contains("globex");
    assertThat(tokens.customerOf("edp.acme.guess")).isEmpty();
    assertThat(tokens.customerOf("")).isEmpty();
    assertThat(tokens.customerOf(null)).isEmpty();
    assertThat(tokens.customerOf(acme + " ")).isEmpty();
  }

  @Test
  void namesTheLineOfABadEntry() throws IOException {
    Path file = directory.resolve("tokens");
    String hash = TokenFile.sha256("secret");
    Files.writeString(file, "# tokens\n\nsha256:" + hash + " acme\nplain-token acme\n");
    assertThatThrownBy(() -> TokenFile.load(file))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("line 4 of the tokens file " + file);

    Files.writeString(file, "sha256:" + hash + " Acme\n");
    assertThatThrownBy(() -> TokenFile.load(file)).hasMessageContaining("Invalid customer id 'Acme' on line 1");

    Files.writeString(file, "sha256:" + hash + " acme\nsha256:" + hash + " globex\n");
    assertThatThrownBy(() -> TokenFile.load(file)).hasMessageContaining("Line 2").hasMessageContaining("repeats a token");

    assertThatThrownBy(() -> TokenFile.load(directory.resolve("missing"))).hasMessageContaining("Cannot read the tokens file");
    assertThatThrownBy(() -> TokenFile.add(file, "not valid", null)).hasMessageContaining("Invalid customer id");
  }
}
