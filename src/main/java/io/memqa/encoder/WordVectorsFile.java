package io.memqa.encoder;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.memqa.util.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Word vectors on disk: a versioned header naming the encoder they came from, the rows, and a
 * SHA-256 of everything before it, so that a missing, truncated or altered table is refused at
 * load with a clear message instead of giving quietly wrong answers. Written atomically.
 */
public final class WordVectorsFile {
  /** Bumped whenever this layout changes. */
  public static final int FORMAT_VERSION = 1;
  private static final String MAGIC = "memqa-word-vectors";
  private static final ObjectMapper JSON = new ObjectMapper();

  private WordVectorsFile() {}

  public static void save(WordVectors v, Path file) throws IOException {
    AtomicFiles.write(file, raw -> write(v, raw));
  }

  private static void write(WordVectors v, OutputStream raw) throws IOException {
    MessageDigest sha = sha256();
    DigestOutputStream digest = new DigestOutputStream(new BufferedOutputStream(raw, 1 << 16), sha);
    DataOutputStream out = new DataOutputStream(digest);
    out.writeUTF(MAGIC);
    out.writeInt(FORMAT_VERSION);
    out.writeUTF(JSON.writeValueAsString(v.source()));
    out.writeInt(v.dimension());
    out.writeInt(v.pieces().length);
    Map<float[], Integer> pieceOf = new IdentityHashMap<>();
    for (int i = 0; i < v.pieces().length; i++) {
      out.writeUTF(v.pieces()[i]);
      writeRow(out, v.pieceRows()[i]);
      pieceOf.put(v.pieceRows()[i], i);
    }
    Map<String, float[]> words = new TreeMap<>(v.words());
    out.writeInt(words.size());
    for (Map.Entry<String, float[]> e : words.entrySet()) {
      out.writeUTF(e.getKey());
      Integer piece = pieceOf.get(e.getValue());
      out.writeInt(piece == null ? -1 : piece);
      if (piece == null) {
        writeRow(out, e.getValue());
      }
    }
    digest.on(false);
    out.writeUTF(HexFormat.of().formatHex(sha.digest()));
    out.flush();
  }

  /** Loads and verifies a table; the message of any failure says how to rebuild it. */
  public static WordVectors load(Path file) throws IOException {
    MessageDigest sha = sha256();
    try (InputStream raw = Files.newInputStream(file);
        DigestInputStream digest = new DigestInputStream(new BufferedInputStream(raw, 1 << 16), sha);
        DataInputStream in = new DataInputStream(digest)) {
      if (!MAGIC.equals(in.readUTF())) {
        throw bad(file, "it is not a memqa word-vector table");
      }
      int version = in.readInt();
      if (version != FORMAT_VERSION) {
        throw bad(file, "it has format " + version + ", this memqa reads format " + FORMAT_VERSION);
      }
      EncoderIdentity source = JSON.readValue(in.readUTF(), EncoderIdentity.class);
      int dimension = in.readInt();
      int pieceCount = in.readInt();
      if (dimension < 1 || dimension > 4096 || pieceCount < 1 || pieceCount > 10_000_000) {
        throw bad(file, "its header is damaged");
      }
      String[] pieces = new String[pieceCount];
      float[][] rows = new float[pieceCount][];
      for (int i = 0; i < pieceCount; i++) {
        pieces[i] = in.readUTF();
        rows[i] = readRow(in, dimension);
      }
      int wordCount = in.readInt();
      if (wordCount < 0 || wordCount > 100_000_000) {
        throw bad(file, "its word count is damaged");
      }
      Map<String, float[]> words = new HashMap<>(wordCount * 2);
      for (int i = 0; i < wordCount; i++) {
        String w = in.readUTF();
        int piece = in.readInt();
        if (piece >= pieceCount) {
          throw bad(file, "a word points to a missing piece");
        }
        words.put(w, piece < 0 ? readRow(in, dimension) : rows[piece]);
      }
      digest.on(false);
      String expected = HexFormat.of().formatHex(sha.digest());
      if (!expected.equals(in.readUTF())) {
        throw bad(file, "its checksum does not match its contents (the file was altered or damaged)");
      }
      return new WordVectors(source, dimension, pieces, rows, words);
    } catch (NoSuchFileException e) {
      throw new IOException("the word-vector table " + file + " is missing: retrain the model with ./memqa train", e);
    } catch (EOFException e) {
      throw bad(file, "it is truncated");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw bad(file, "its header is unreadable");
    }
  }

  private static IOException bad(Path file, String why) {
    return new IOException("the word-vector table " + file + " cannot be used: " + why
        + "; retrain the model with ./memqa train");
  }

  private static void writeRow(DataOutputStream out, float[] row) throws IOException {
    for (float x : row) {
      out.writeFloat(x);
    }
  }

  private static float[] readRow(DataInputStream in, int dimension) throws IOException {
    float[] row = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      row[i] = in.readFloat();
    }
    return row;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
