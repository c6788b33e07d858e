package dev.warroom.experts.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TemplateMinerTest {

  @Test
  void masksNumbersIpsPathsAndIdsButKeepsFraming() {
    assertThat(TokenMasker.mask("Running task 3.0 in stage 1.0 (TID 12)."))
        .containsExactly("Running", "task", "<*>", "in", "stage", "<*>", "(TID", "<*>).");
    assertThat(TokenMasker.mask("Received block blk_-695 from /10.250.19.102:50010 uid=0"))
        .containsExactly("Received", "block", "<*>", "from", "<*>", "uid=<*>");
    assertThat(TokenMasker.mask("open proxy.cse.cuhk.edu.hk:5070 via SOCKS5 at core.1234"))
        .containsExactly("open", "<*>", "via", "SOCKS5", "at", "core.<*>");
    assertThat(TokenMasker.mask("manager=com.huawei.g.c@3c0fd6f size 16.0 KB, lifetime <1"))
        .containsExactly("manager=<*>", "size", "<*>,", "lifetime", "<*>");
  }

  @Test
  void groupsLinesOfOneEventAndGeneralisesVaryingWords() {
    TemplateMiner miner = TemplateMiner.create();
    int a = miner.add("Connection from 10.0.0.1 closed after 31 ms");
    int b = miner.add("Connection from 10.0.0.2 closed after 7 ms");
    int c = miner.add("Disk /dev/sda1 is full");
    assertThat(a).isEqualTo(b).isNotEqualTo(c);
    // "31 ms" is one value: the default joins word units to their number
    assertThat(miner.template(a)).isEqualTo("Connection from <*> closed after <*>");
    assertThat(miner.lineCount()).isEqualTo(3);
  }

  @Test
  void keepsEventsApartThatDifferOnlyInOneVocabularyWord() {
    TemplateMiner miner = TemplateMiner.create();
    int up = miner.add("cupsd startup succeeded");
    int down = miner.add("cupsd shutdown succeeded");
    assertThat(up).isNotEqualTo(down);
  }

  @Test
  void consolidationMergesManyWordValuesAndVariableInsertions() {
    TemplateMiner miner = TemplateMiner.create();
    int[] users = {
      miner.add("session closed for user cyrus"),
      miner.add("session closed for user news"),
      miner.add("session closed for user test")
    };
    int plain = miner.add("h:80 close, 403 bytes sent, 426 bytes received, lifetime 00:02");
    int kb = miner.add("h:80 close, 1190 bytes (1.16 KB) sent, 99 bytes received, lifetime 00:01");
    miner.consolidate();
    assertThat(miner.templateId(users[0]))
        .isEqualTo(miner.templateId(users[1]))
        .isEqualTo(miner.templateId(users[2]));
    assertThat(miner.template(users[0])).isEqualTo("session closed for user <*>");
    assertThat(miner.templateId(plain)).isEqualTo(miner.templateId(kb));
    assertThat(miner.templates()).hasSize(2);
    assertThat(miner.templates().get(0).count()).isEqualTo(3);
  }

  @Test
  void rejectsUnknownTemplateId() {
    assertThatThrownBy(() -> TemplateMiner.create().templateId(4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4");
  }

  @Test
  void shapeHashAgreesWithMaskedTokens() {
    assertThat(TokenMasker.shapeHash("took 12 ms on 10.0.0.1"))
        .isEqualTo(TokenMasker.shapeHash("took 99 ms on 192.168.1.200"))
        .isNotEqualTo(TokenMasker.shapeHash("took 12 s on 10.0.0.1"));
  }
}
