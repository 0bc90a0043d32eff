package io.memqa.encoder;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * BERT WordPiece tokenization from a HuggingFace {@code tokenizer.json}, through DJL's binding of
 * the HuggingFace tokenizers library (the reference implementation, so ids match what the model
 * was trained with). Truncation and padding are off here: the encoder applies its own limits.
 * Thread-safe: the native tokenizer is immutable once built.
 */
final class WordPieces implements AutoCloseable {
  private final HuggingFaceTokenizer tokenizer;
  private final String[] vocabulary;
  private final int cls;
  private final int sep;
  private final int pad;

  private WordPieces(HuggingFaceTokenizer tokenizer, String[] vocabulary) throws EncoderException {
    this.tokenizer = tokenizer;
    this.vocabulary = vocabulary;
    this.cls = idOf("[CLS]");
    this.sep = idOf("[SEP]");
    this.pad = idOf("[PAD]");
  }

  static WordPieces load(byte[] tokenizerJson, String what) throws EncoderException {
    String[] vocabulary = vocabulary(tokenizerJson, what);
    HuggingFaceTokenizer tokenizer;
    try {
      tokenizer = HuggingFaceTokenizer.newInstance(
          new ByteArrayInputStream(tokenizerJson),
          Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "true"));
    } catch (IOException | RuntimeException e) {
      throw new EncoderException("cannot load tokenizer " + what + ": " + e.getMessage(), e);
    }
    return new WordPieces(tokenizer, vocabulary);
  }

  /** The WordPiece vocabulary by id, read from {@code model.vocab} of tokenizer.json. */
  private static String[] vocabulary(byte[] json, String what) throws EncoderException {
    JsonNode vocab;
    try {
      vocab = new ObjectMapper().readTree(json).path("model").path("vocab");
    } catch (IOException e) {
      throw new EncoderException("tokenizer " + what + " is not valid JSON: " + e.getMessage(), e);
    }
    if (!vocab.isObject() || vocab.isEmpty()) {
      throw new EncoderException("tokenizer " + what + " has no WordPiece vocabulary (model.vocab)");
    }
    String[] byId = new String[vocab.size()];
    for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      int id = e.getValue().asInt(-1);
      if (id < 0 || id >= byId.length || byId[id] != null) {
        throw new EncoderException("tokenizer " + what + " has a bad vocabulary id for '" + e.getKey() + "'");
      }
      byId[id] = e.getKey();
    }
    return byId;
  }

  private int idOf(String token) throws EncoderException {
    for (int i = 0; i < vocabulary.length; i++) {
      if (vocabulary[i].equals(token)) {
        return i;
      }
    }
    throw new EncoderException("tokenizer vocabulary has no " + token + " token");
  }

  int[] ids(String text, boolean addSpecialTokens) {
    Encoding enc = tokenizer.encode(text, addSpecialTokens, false);
    long[] ids = enc.getIds();
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = (int) ids[i];
    }
    return out;
  }

  String token(int id) {
    if (id < 0 || id >= vocabulary.length) {
      throw new IllegalArgumentException("word piece id " + id + " is outside 0.." + (vocabulary.length - 1));
    }
    return vocabulary[id];
  }

  int size() {
    return vocabulary.length;
  }

  int cls() {
    return cls;
  }

  int sep() {
    return sep;
  }

  int pad() {
    return pad;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
