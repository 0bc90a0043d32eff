package io.memqa.encoder;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.memqa.util.Checksums;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A pretrained BERT-style encoder run by ONNX Runtime: WordPiece ids, last hidden states, and
 * pooled, L2-normalised sentence vectors. Model and tokenizer are read from the classpath (the
 * Maven jar of a {@link KnownEncoder}), never from the network; ONNX Runtime logs only fatal errors
 * and extracts its native library to a temporary directory that it deletes once loaded.
 *
 * <p>Thread-safe: any number of threads may call every method at once; each ONNX Runtime run uses
 * up to the intra-op threads given at {@link #open}, so for throughput run several threads with
 * one intra-op thread each. Close it once, after the last call has returned.
 */
public final class PretrainedEncoder implements AutoCloseable {
  /** Sequences per ONNX Runtime run for float models (quantized ones run one at a time). */
  static final int BATCH = 16;
  /** Characters read of a text before tokenizing: bounds the cost of huge inputs (100 per piece). */
  private static final int CHARS_PER_TOKEN_LIMIT = 100;
  /** Recent single sequences remembered, and the longest remembered (questions, not passages). */
  private static final int RECENT_SEQUENCES = 32;
  private static final int RECENT_MAX_TOKENS = 64;

  private static final String INPUT_IDS = "input_ids";
  private static final String ATTENTION_MASK = "attention_mask";
  private static final String TOKEN_TYPE_IDS = "token_type_ids";

  private final KnownEncoder which;
  private final EncoderIdentity identity;
  private final WordPieces wordPieces;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final boolean takesTokenTypes;
  /**
   * The states of the most recent short single sequences of every open encoder (never modified
   * once computed): shared by instances, since the retriever and the reader each open their own.
   */
  private static final Map<IdSequence, float[][]> recent = new java.util.LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<IdSequence, float[][]> eldest) {
      return size() > RECENT_SEQUENCES;
    }
  };
  private volatile boolean closed;

  private PretrainedEncoder(
      KnownEncoder which, EncoderIdentity identity, WordPieces wordPieces, OrtEnvironment env,
      OrtSession session) {
    this.which = which;
    this.identity = identity;
    this.wordPieces = wordPieces;
    this.env = env;
    this.session = session;
    this.takesTokenTypes = session.getInputNames().contains(TOKEN_TYPE_IDS);
  }

  /**
   * Loads {@code which} from the classpath.
   *
   * @param intraOpThreads threads ONNX Runtime may use inside one run (1 for per-request use)
   * @throws EncoderException when the encoder's jar is not on the classpath or its files are bad
   */
  public static PretrainedEncoder open(KnownEncoder which, int intraOpThreads) throws EncoderException {
    return open(which, intraOpThreads, PretrainedEncoder.class.getClassLoader());
  }

  static PretrainedEncoder open(KnownEncoder which, int intraOpThreads, ClassLoader loader)
      throws EncoderException {
    if (intraOpThreads < 1 || intraOpThreads > 64) {
      throw new IllegalArgumentException("intra-op threads must be 1..64, got " + intraOpThreads);
    }
    byte[] model = resource(loader, which, which.modelResource());
    byte[] tokenizerJson = resource(loader, which, which.tokenizerResource());
    EncoderIdentity identity = new EncoderIdentity(
        which.id(), which.artifact() + ":" + version(loader, which), sha256(model), sha256(tokenizerJson),
        which.dimension(), which.pooling().name().toLowerCase(java.util.Locale.ROOT), which.maxTokens());
    WordPieces wordPieces = WordPieces.load(tokenizerJson, which.tokenizerResource());
    try {
      OrtEnvironment env = Onnx.environment();
      OrtSession session;
      try (OrtSession.SessionOptions options = Onnx.sessionOptions(intraOpThreads)) {
        session = env.createSession(model, options);
      }
      checkSignature(which, session);
      return new PretrainedEncoder(which, identity, wordPieces, env, session);
    } catch (OrtException | RuntimeException e) {
      wordPieces.close();
      if (e instanceof EncoderSignatureException s) {
        throw new EncoderException(s.getMessage());
      }
      throw new EncoderException("cannot load encoder " + which.id() + " with ONNX Runtime: " + e.getMessage(), e);
    } catch (LinkageError e) {
      wordPieces.close();
      throw new EncoderException(
          "ONNX Runtime's native library cannot be loaded on this platform (" + e.getMessage() + ")", e);
    }
  }

  public KnownEncoder which() {
    return which;
  }

  /** Name, artifact, checksums and shape of this encoder: record it with what you build. */
  public EncoderIdentity identity() {
    return identity;
  }

  /**
   * Refuses an artifact built with another encoder.
   *
   * @throws EncoderException naming every field that differs, when {@code expected} is not this
   *     encoder's identity
   */
  public void verify(EncoderIdentity expected) throws EncoderException {
    if (expected == null) {
      throw new EncoderException("no encoder identity recorded; rebuild it with encoder " + which.id());
    }
    List<String> diff = expected.differences(identity);
    if (!diff.isEmpty()) {
      throw new EncoderException(
          "built with encoder " + expected.encoder() + " but encoder " + identity.encoder()
              + " is loaded; they differ in " + String.join(", ", diff)
              + ". Use encoder " + expected.encoder() + ", or rebuild with " + identity.encoder());
    }
  }

  /** The word piece ids of {@code text}, with [CLS] and [SEP] around them if asked; never truncated. */
  public int[] wordPieceIds(String text, boolean addSpecialTokens) {
    checkOpen();
    return wordPieces.ids(checkText(text), addSpecialTokens);
  }

  /** The id of [CLS], which starts every sequence. */
  int clsId() {
    return wordPieces.cls();
  }

  /** The id of [SEP], which ends every sequence. */
  int sepId() {
    return wordPieces.sep();
  }

  /** The word piece with this id (continuations start with {@code ##}). */
  public String token(int id) {
    return wordPieces.token(id);
  }

  public int vocabularySize() {
    return wordPieces.size();
  }

  public int dimension() {
    return which.dimension();
  }

  /** Longest input in word pieces, special tokens included. */
  public int maxTokens() {
    return which.maxTokens();
  }

  /**
   * The last hidden states of each sequence, {@code [sequence][token][dimension]}, one row per
   * given id (special tokens included: pass them in). The batch is padded internally with an
   * attention mask; padding never shows in the result. The arrays of a short sequence may be
   * shared with other callers (recent ones are remembered): read them, never modify them.
   *
   * @throws IllegalArgumentException for an empty or over-long sequence or an id outside the
   *     vocabulary
   */
  public float[][][] hiddenStates(List<int[]> idsWithSpecials) {
    checkOpen();
    for (int[] ids : idsWithSpecials) {
      checkIds(ids);
    }
    return states(idsWithSpecials);
  }

  /** The pooled, L2-normalised vector of {@code text} (truncated at {@link #maxTokens()}). */
  public float[] embed(String text) {
    return embed(List.of(checkText(text)))[0];
  }

  /**
   * Pooled, L2-normalised vectors of {@code texts}, in order, each truncated at
   * {@link #maxTokens()} word pieces. Texts of similar length are run together in batches.
   */
  public float[][] embed(List<String> texts) {
    checkOpen();
    List<int[]> ids = new ArrayList<>(texts.size());
    for (String t : texts) {
      ids.add(truncatedIds(checkText(t)));
    }
    Integer[] order = new Integer[ids.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    // Batches of similar lengths waste little on padding.
    Arrays.sort(order, (a, b) -> Integer.compare(ids.get(a).length, ids.get(b).length));
    float[][] out = new float[ids.size()][];
    for (int from = 0; from < order.length; from += BATCH) {
      int to = Math.min(order.length, from + BATCH);
      List<int[]> batch = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        batch.add(ids.get(order[i]));
      }
      float[][][] states = states(batch);
      for (int i = from; i < to; i++) {
        out[order[i]] = Pooling.pool(which.pooling(), states[i - from]);
      }
    }
    return out;
  }

  private int[] truncatedIds(String text) {
    int maxChars = which.maxTokens() * CHARS_PER_TOKEN_LIMIT;
    String head = text.length() > maxChars ? text.substring(0, maxChars) : text;
    int[] ids = wordPieces.ids(head, true);
    if (ids.length <= which.maxTokens()) {
      return ids;
    }
    int[] cut = Arrays.copyOf(ids, which.maxTokens());
    cut[cut.length - 1] = wordPieces.sep();
    return cut;
  }

  /**
   * Each sequence's hidden states: one run for the whole batch, or one run per sequence for
   * quantized models so that a result never depends on its batch (see {@link KnownEncoder#quantized}).
   */
  private float[][][] states(List<int[]> batch) {
    if (batch.size() == 1 && batch.get(0).length <= RECENT_MAX_TOKENS) {
      return new float[][][] {recent(batch.get(0))};
    }
    if (!which.quantized()) {
      return run(batch);
    }
    float[][][] out = new float[batch.size()][][];
    for (int i = 0; i < out.length; i++) {
      out[i] = run(List.of(batch.get(i)))[0];
    }
    return out;
  }

  /**
   * The states of a short sequence, from the few most recent ones when it is among them: a
   * question is encoded for retrieval and again for the reader's contextual states, one run.
   */
  private float[][] recent(int[] ids) {
    IdSequence key = new IdSequence(identity.modelSha256(), ids.clone());
    synchronized (recent) {
      float[][] hit = recent.get(key);
      if (hit != null) {
        return hit;
      }
    }
    float[][] states = run(List.of(ids))[0];
    synchronized (recent) {
      recent.put(key, states);
    }
    return states;
  }

  /** An id sequence of a model (by its checksum), as a map key. */
  private record IdSequence(String model, int[] ids) {
    @Override
    public boolean equals(Object o) {
      return o instanceof IdSequence s && model.equals(s.model) && Arrays.equals(ids, s.ids);
    }

    @Override
    public int hashCode() {
      return 31 * model.hashCode() + Arrays.hashCode(ids);
    }
  }

  /** One ONNX Runtime run over a padded batch; returns each sequence's unpadded states. */
  private float[][][] run(List<int[]> batch) {
    int n = batch.size();
    if (n == 0) {
      return new float[0][][];
    }
    int len = 0;
    for (int[] ids : batch) {
      len = Math.max(len, ids.length);
    }
    long[] shape = {n, len};
    LongBuffer ids = LongBuffer.allocate(n * len);
    LongBuffer mask = LongBuffer.allocate(n * len);
    for (int[] seq : batch) {
      for (int j = 0; j < len; j++) {
        ids.put(j < seq.length ? seq[j] : wordPieces.pad());
        mask.put(j < seq.length ? 1 : 0);
      }
    }
    ids.flip();
    mask.flip();
    int dim = which.dimension();
    try (OnnxTensor idsT = OnnxTensor.createTensor(env, ids, shape);
        OnnxTensor maskT = OnnxTensor.createTensor(env, mask, shape);
        OnnxTensor typesT = takesTokenTypes ? OnnxTensor.createTensor(env, LongBuffer.allocate(n * len), shape) : null) {
      Map<String, OnnxTensor> inputs = typesT == null
          ? Map.of(INPUT_IDS, idsT, ATTENTION_MASK, maskT)
          : Map.of(INPUT_IDS, idsT, ATTENTION_MASK, maskT, TOKEN_TYPE_IDS, typesT);
      try (OrtSession.Result result = session.run(inputs)) {
        OnnxValue first = result.get(0);
        FloatBuffer states = ((OnnxTensor) first).getFloatBuffer();
        float[][][] out = new float[n][][];
        for (int i = 0; i < n; i++) {
          int seqLen = batch.get(i).length;
          out[i] = new float[seqLen][dim];
          for (int j = 0; j < seqLen; j++) {
            states.get((i * len + j) * dim, out[i][j]);
          }
        }
        return out;
      }
    } catch (OrtException e) {
      throw new IllegalStateException("encoder " + which.id() + " failed: " + e.getMessage(), e);
    }
  }

  private void checkIds(int[] ids) {
    if (ids == null || ids.length == 0) {
      throw new IllegalArgumentException("a sequence of word piece ids is empty");
    }
    if (ids.length > which.maxTokens()) {
      throw new IllegalArgumentException(
          "a sequence has " + ids.length + " word pieces; encoder " + which.id() + " takes at most " + which.maxTokens());
    }
    for (int id : ids) {
      if (id < 0 || id >= wordPieces.size()) {
        throw new IllegalArgumentException("word piece id " + id + " is outside 0.." + (wordPieces.size() - 1));
      }
    }
  }

  private static String checkText(String text) {
    if (text == null) {
      throw new IllegalArgumentException("text must not be null");
    }
    return text;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("encoder " + which.id() + " is closed");
    }
  }

  /** Shape of the model's inputs and outputs, checked once at load. */
  private static void checkSignature(KnownEncoder which, OrtSession session) throws OrtException {
    if (!session.getInputNames().containsAll(List.of(INPUT_IDS, ATTENTION_MASK))
        || session.getNumOutputs() < 1) {
      throw new EncoderSignatureException(
          "encoder " + which.id() + ": " + which.modelResource() + " is not a BERT-style model (inputs "
              + session.getInputNames() + ")");
    }
  }

  /** Internal: a model whose inputs are not what a BERT encoder takes. */
  private static final class EncoderSignatureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EncoderSignatureException(String message) {
      super(message);
    }
  }

  private static byte[] resource(ClassLoader loader, KnownEncoder which, String name) throws EncoderException {
    try (InputStream in = loader.getResourceAsStream(name)) {
      if (in == null) {
        throw new EncoderException(
            "encoder " + which.id() + " is not installed: " + name + " is not on the classpath. It ships in "
                + "the Maven Central jar " + which.artifact() + "; rebuild memqa (./mvnw -B -DskipTests package) "
                + "so that target/lib holds it");
      }
      return in.readAllBytes();
    } catch (EncoderException e) {
      throw e;
    } catch (IOException e) {
      throw new EncoderException("cannot read " + name + " of encoder " + which.id() + ": " + e.getMessage(), e);
    }
  }

  /** The artifact version from the jar's Maven metadata, or "unknown" when the jar has none. */
  private static String version(ClassLoader loader, KnownEncoder which) throws EncoderException {
    String path = "META-INF/maven/" + which.groupId() + "/" + which.artifactId() + "/pom.properties";
    try (InputStream in = loader.getResourceAsStream(path)) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new EncoderException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  private static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(Checksums.newDigest().digest(bytes));
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      session.close();
    } catch (OrtException e) {
      // Closing frees native memory only; nothing a caller could do about a failure.
    } finally {
      wordPieces.close();
    }
  }
}
