package io.memqa.encoder;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.memqa.util.AtomicFiles;
import io.memqa.util.Checksums;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Contextual word states on disk: a versioned header naming the encoder, the reduction applied to
 * its states, then each passage's reduced states as 8-bit rows (one scale per word), and a
 * SHA-256 of everything before it. A missing, truncated, altered or foreign file is refused at
 * load with a message that says how to rebuild it. Written atomically.
 */
public final class ContextStatesFile {
  /** Bumped whenever this layout changes. */
  public static final int FORMAT_VERSION = 1;
  private static final String MAGIC = "memqa-context-states";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_WORDS = 1_000_000;

  /** What the file holds: whose states, how they were reduced, and the states of passages by id. */
  public record Table(EncoderIdentity source, StateReduction reduction, Map<String, QuantizedRows> passages) {}

  private ContextStatesFile() {}

  public static void save(Table t, Path file) throws IOException {
    for (Map.Entry<String, QuantizedRows> e : t.passages().entrySet()) {
      if (e.getValue().width() != t.reduction().width()) {
        throw new IllegalArgumentException("passage " + e.getKey() + " has rows " + e.getValue().width()
            + " wide; the reduction gives " + t.reduction().width());
      }
    }
    AtomicFiles.write(file, raw -> {
      MessageDigest sha = Checksums.newDigest();
      DigestOutputStream digest = new DigestOutputStream(new BufferedOutputStream(raw, 1 << 16), sha);
      DataOutputStream out = new DataOutputStream(digest);
      out.writeUTF(MAGIC);
      out.writeInt(FORMAT_VERSION);
      out.writeUTF(JSON.writeValueAsString(t.source()));
      StateReduction r = t.reduction();
      out.writeInt(r.inputWidth());
      out.writeInt(r.width());
      for (float x : r.mean()) {
        out.writeFloat(x);
      }
      for (int j = 0; j < r.width(); j++) {
        for (float x : r.component(j)) {
          out.writeFloat(x);
        }
      }
      Map<String, QuantizedRows> sorted = new TreeMap<>(t.passages());
      out.writeInt(sorted.size());
      for (Map.Entry<String, QuantizedRows> e : sorted.entrySet()) {
        QuantizedRows q = e.getValue();
        out.writeUTF(e.getKey());
        out.writeLong(q.textHash());
        out.writeInt(q.words());
        for (float s : q.scales()) {
          out.writeFloat(s);
        }
        out.write(q.values());
      }
      digest.on(false);
      out.writeUTF(HexFormat.of().formatHex(sha.digest()));
      out.flush();
    });
  }

  /** Loads and verifies a table; the message of any failure says how to rebuild it. */
  public static Table load(Path file) throws IOException {
    MessageDigest sha = Checksums.newDigest();
    try (InputStream raw = Files.newInputStream(file);
        DigestInputStream digest = new DigestInputStream(new BufferedInputStream(raw, 1 << 16), sha);
        DataInputStream in = new DataInputStream(digest)) {
      if (!MAGIC.equals(in.readUTF())) {
        throw bad(file, "it is not a memqa table of contextual states");
      }
      int version = in.readInt();
      if (version != FORMAT_VERSION) {
        throw bad(file, "it has format " + version + ", this memqa reads format " + FORMAT_VERSION);
      }
      EncoderIdentity source = JSON.readValue(in.readUTF(), EncoderIdentity.class);
      int inputWidth = in.readInt();
      int width = in.readInt();
      if (inputWidth < 1 || inputWidth > 4096 || width < 1 || width > inputWidth) {
        throw bad(file, "its header is damaged");
      }
      float[] mean = floats(in, inputWidth);
      float[][] components = new float[width][];
      for (int j = 0; j < width; j++) {
        components[j] = floats(in, inputWidth);
      }
      int count = in.readInt();
      if (count < 0 || count > 100_000_000) {
        throw bad(file, "its passage count is damaged");
      }
      Map<String, QuantizedRows> passages = new HashMap<>(Math.min(count, 1 << 20) * 2);
      for (int i = 0; i < count; i++) {
        String id = in.readUTF();
        long hash = in.readLong();
        int words = in.readInt();
        if (words < 0 || words > MAX_WORDS || (long) words * width > Integer.MAX_VALUE) {
          throw bad(file, "a passage's word count is damaged");
        }
        float[] scales = floats(in, words);
        byte[] values = new byte[words * width];
        in.readFully(values);
        passages.put(id, new QuantizedRows(hash, width, scales, values));
      }
      digest.on(false);
      if (!HexFormat.of().formatHex(sha.digest()).equals(in.readUTF())) {
        throw bad(file, "its checksum does not match its contents (the file was altered or damaged)");
      }
      return new Table(source, new StateReduction(mean, components), passages);
    } catch (NoSuchFileException e) {
      throw new IOException("the contextual states " + file + " are missing: retrain the model with ./memqa train", e);
    } catch (EOFException e) {
      throw bad(file, "it is truncated");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw bad(file, "its header is unreadable");
    } catch (IllegalArgumentException e) {
      throw bad(file, "its contents are inconsistent (" + e.getMessage() + ")");
    }
  }

  private static float[] floats(DataInputStream in, int n) throws IOException {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = in.readFloat();
    }
    return out;
  }

  private static IOException bad(Path file, String why) {
    return new IOException("the contextual states " + file + " cannot be used: " + why
        + "; retrain the model with ./memqa train");
  }
}
