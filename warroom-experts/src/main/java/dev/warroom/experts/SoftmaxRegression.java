package dev.warroom.experts;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Multinomial logistic regression over binary hashed features, trained by stochastic gradient
 * descent with AdaGrad step sizes (Duchi et al., JMLR 2011). Each document's feature vector is
 * scaled to unit length so that a 40-line input does not take steps 40 times larger than a
 * one-liner. Unlike naive Bayes it learns that n-grams every class shares (the message text of a
 * log line) carry no information, and leans on the ones that separate the classes (the layout of
 * the line prefix). Immutable once trained.
 */
final class SoftmaxRegression {
  private final float[][] weights;
  private final float[] bias;

  private SoftmaxRegression(float[][] weights, float[] bias) {
    this.weights = weights;
    this.bias = bias;
  }

  static SoftmaxRegression train(
      List<int[]> docs,
      List<Integer> labels,
      int classes,
      int epochs,
      double learningRate,
      RandomGenerator random) {
    if (docs.size() != labels.size()) {
      throw new IllegalArgumentException("docs and labels differ in size");
    }
    int dim = Features.DIMENSION;
    float[][] w = new float[classes][dim];
    float[][] g2 = new float[classes][dim];
    float[] b = new float[classes];
    float[] b2 = new float[classes];
    int[] order = new int[docs.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    double[] p = new double[classes];
    for (int epoch = 0; epoch < epochs; epoch++) {
      for (int i = order.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      for (int d : order) {
        int[] x = docs.get(d);
        double scale = x.length == 0 ? 0 : 1 / Math.sqrt(x.length);
        probabilities(w, b, x, scale, p);
        int y = labels.get(d);
        for (int c = 0; c < classes; c++) {
          double grad = p[c] - (c == y ? 1 : 0);
          if (Math.abs(grad) < 1e-3) {
            continue; // nothing to learn from this class on this document
          }
          double gs = grad * scale;
          float[] wc = w[c];
          float[] gc = g2[c];
          for (int f : x) {
            gc[f] += (float) (gs * gs);
            wc[f] -= (float) (learningRate * gs / Math.sqrt(gc[f] + 1e-8));
          }
          b2[c] += (float) (grad * grad);
          b[c] -= (float) (learningRate * grad / Math.sqrt(b2[c] + 1e-8));
        }
      }
    }
    return new SoftmaxRegression(w, b);
  }

  /** Weights smaller than this are not written: they move no probability measurably. */
  static final float WRITE_FLOOR = 1e-4f;

  /**
   * Writes the model sparsely: per hashed feature with any weight of at least {@link #WRITE_FLOOR},
   * its index and its (class, weight) pairs. A trained router touches a few tens of thousands of
   * the 2^17 features, so this is ~100x smaller than the dense matrix.
   */
  void write(DataOutputStream out) throws IOException {
    int classes = bias.length;
    out.writeInt(classes);
    out.writeInt(Features.DIMENSION);
    for (float b : bias) {
      out.writeFloat(b);
    }
    int dim = weights[0].length;
    int used = 0;
    for (int f = 0; f < dim; f++) {
      if (kept(f) > 0) {
        used++;
      }
    }
    out.writeInt(used);
    for (int f = 0; f < dim; f++) {
      int k = kept(f);
      if (k == 0) {
        continue;
      }
      out.writeInt(f);
      out.writeByte(k);
      for (int c = 0; c < classes; c++) {
        if (Math.abs(weights[c][f]) >= WRITE_FLOOR) {
          out.writeByte(c);
          out.writeFloat(weights[c][f]);
        }
      }
    }
  }

  private int kept(int f) {
    int k = 0;
    for (float[] wc : weights) {
      if (Math.abs(wc[f]) >= WRITE_FLOOR) {
        k++;
      }
    }
    return k;
  }

  /**
   * Reads what {@link #write} wrote.
   *
   * @throws IOException when the stream is not such a model or was written for another feature
   *     dimension
   */
  static SoftmaxRegression read(DataInputStream in) throws IOException {
    int classes = in.readInt();
    int dim = in.readInt();
    if (classes < 2 || classes > 255 || dim != Features.DIMENSION) {
      throw new IOException(
          "not a router model for this build: classes " + classes + ", dimension " + dim);
    }
    float[] b = new float[classes];
    for (int c = 0; c < classes; c++) {
      b[c] = in.readFloat();
    }
    float[][] w = new float[classes][dim];
    int used = in.readInt();
    for (int i = 0; i < used; i++) {
      int f = in.readInt();
      int k = in.readUnsignedByte();
      if (f < 0 || f >= dim || k > classes) {
        throw new IOException("corrupt router model at feature " + i);
      }
      for (int j = 0; j < k; j++) {
        int c = in.readUnsignedByte();
        if (c >= classes) {
          throw new IOException("corrupt router model at feature " + i);
        }
        w[c][f] = in.readFloat();
      }
    }
    return new SoftmaxRegression(w, b);
  }

  /** Class probabilities of a document. */
  double[] probabilities(int[] features) {
    double[] p = new double[bias.length];
    double scale = features.length == 0 ? 0 : 1 / Math.sqrt(features.length);
    probabilities(weights, bias, features, scale, p);
    return p;
  }

  private static void probabilities(float[][] w, float[] b, int[] x, double scale, double[] out) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < out.length; c++) {
      float[] wc = w[c];
      double s = 0;
      for (int f : x) {
        s += wc[f];
      }
      out[c] = b[c] + s * scale;
      max = Math.max(max, out[c]);
    }
    double sum = 0;
    for (int c = 0; c < out.length; c++) {
      out[c] = Math.exp(out[c] - max);
      sum += out[c];
    }
    for (int c = 0; c < out.length; c++) {
      out[c] /= sum;
    }
  }
}
