package dev.warroom.experts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShippedRouterTest {
  @Test
  void shippedWeightsAreThoseOfTheCurrentCorpus() throws IOException {
    try (InputStream in = Router.class.getResourceAsStream(Router.RESOURCE)) {
      assertThat(in).as("the jar ships " + Router.RESOURCE).isNotNull();
      Router.Stored stored = Router.read(in);
      assertThat(stored.fingerprint())
          .as(
              "the router's corpus, features or training changed: regenerate the weights with"
                  + " java -cp warroom-cli/target/warroom.jar dev.warroom.experts.Router"
                  + " warroom-experts/src/main/resources/dev/warroom/experts/router-model.bin.gz")
          .isEqualTo(Router.fingerprint(Router.builtInCorpus()));
    }
  }

  @Test
  void shippedRouterRoutesTheHeldOutCorpusLikeAFreshlyTrainedOne() {
    Router shipped = Router.shipped();
    Router fresh = Router.trained();
    List<LabelledInput> test =
        RouterCorpus.synthetic(RouterCorpus.TEST_SEED, RouterCorpus.TEST_PER_KIND);
    int same = 0;
    int right = 0;
    for (LabelledInput in : test) {
      Route a = shipped.route(in.text());
      if (a.kind() == fresh.route(in.text()).kind()) {
        same++;
      }
      if (a.kind() == in.kind()) {
        right++;
      }
    }
    assertThat((double) same / test.size()).isGreaterThanOrEqualTo(0.995);
    assertThat((double) right / test.size()).isGreaterThanOrEqualTo(0.98);
  }

  @Test
  void refusesAStreamThatIsNotARouterModel() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (var gz = new java.util.zip.GZIPOutputStream(bytes);
        var out = new java.io.DataOutputStream(gz)) {
      out.writeUTF("something-else");
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Router.read(new ByteArrayInputStream(bytes.toByteArray())))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a warroom router model");
  }
}
