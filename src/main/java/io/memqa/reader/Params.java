package io.memqa.reader;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** The named weight arrays of a network, owned by one NDManager; saved and loaded as an NDList. */
final class Params implements AutoCloseable {
  private final NDManager manager;
  private final Map<String, NDArray> arrays = new LinkedHashMap<>();

  Params(NDManager manager) {
    this.manager = manager;
  }

  NDManager manager() {
    return manager;
  }

  /** A matrix with Glorot-uniform values (the default for projections). */
  NDArray glorot(String name, SplittableRandom rnd, long rows, long cols) {
    double limit = Math.sqrt(6.0 / (rows + cols));
    return uniform(name, rnd, limit, rows, cols);
  }

  NDArray uniform(String name, SplittableRandom rnd, double limit, long... shape) {
    Shape s = new Shape(shape);
    float[] v = new float[Math.toIntExact(s.size())];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) ((rnd.nextDouble() * 2 - 1) * limit);
    }
    return put(name, manager.create(v, s));
  }

  NDArray normal(String name, SplittableRandom rnd, double std, long... shape) {
    Shape s = new Shape(shape);
    float[] v = new float[Math.toIntExact(s.size())];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (nextGaussian(rnd) * std);
    }
    return put(name, manager.create(v, s));
  }

  NDArray zeros(String name, long... shape) {
    return put(name, manager.zeros(new Shape(shape), DataType.FLOAT32));
  }

  private static double nextGaussian(SplittableRandom rnd) {
    double u = Math.max(rnd.nextDouble(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
  }

  private NDArray put(String name, NDArray a) {
    if (arrays.containsKey(name)) {
      throw new IllegalStateException("duplicate parameter " + name);
    }
    a.setName(name);
    arrays.put(name, a);
    return a;
  }

  NDArray get(String name) {
    NDArray a = arrays.get(name);
    if (a == null) {
      throw new IllegalStateException("missing parameter " + name);
    }
    return a;
  }

  Collection<NDArray> all() {
    return arrays.values();
  }

  Map<String, NDArray> named() {
    return arrays;
  }

  long count() {
    return arrays.values().stream().mapToLong(a -> a.getShape().size()).sum();
  }

  void requireGradients() {
    for (NDArray a : arrays.values()) {
      a.setRequiresGradient(true);
    }
  }

  void save(OutputStream out) throws IOException {
    new NDList(arrays.values()).encode(out);
  }

  /**
   * Replaces every array's values with the saved ones, checking that names and shapes agree, so a
   * model of another shape fails with a clear message instead of a native error.
   */
  void load(InputStream in) throws IOException {
    try (NDManager tmp = manager.newSubManager()) {
      NDList saved = NDList.decode(tmp, in);
      Map<String, NDArray> byName = new LinkedHashMap<>();
      for (NDArray a : saved) {
        byName.put(a.getName(), a);
      }
      for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
        NDArray s = byName.get(e.getKey());
        if (s == null) {
          throw new IOException("weights lack parameter " + e.getKey());
        }
        if (!s.getShape().equals(e.getValue().getShape())) {
          throw new IOException(
              "parameter " + e.getKey() + " has shape " + s.getShape() + ", expected " + e.getValue().getShape());
        }
        e.getValue().set(s.toByteBuffer());
      }
      if (byName.size() != arrays.size()) {
        throw new IOException("weights have " + byName.size() + " parameters, expected " + arrays.size());
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new IOException("weights are unreadable: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
