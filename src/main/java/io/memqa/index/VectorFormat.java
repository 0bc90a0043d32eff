package io.memqa.index;

import io.memqa.util.EnumIds;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;

/**
 * How passage vectors are stored and searched: an HNSW graph over float32 vectors, or over
 * vectors scalar-quantized to int8 or int4 (Lucene keeps the floats on disk for merging; search
 * reads only the quantized copy). The name is recorded in the index stats; reading needs nothing
 * from it, as Lucene records each field's format in the segment itself.
 */
public enum VectorFormat {
  FLOAT32("float32", 4.0),
  INT8("int8", 1.0),
  INT4("int4", 0.5);

  private final String id;
  private final double bytesPerDimension;

  VectorFormat(String id, double bytesPerDimension) {
    this.id = id;
    this.bytesPerDimension = bytesPerDimension;
  }

  public String id() {
    return id;
  }

  /** Bytes per dimension of the vectors the search reads. */
  public double bytesPerDimension() {
    return bytesPerDimension;
  }

  KnnVectorsFormat knnFormat() {
    return switch (this) {
      case FLOAT32 -> new Lucene99HnswVectorsFormat();
      case INT8 -> new Lucene99HnswScalarQuantizedVectorsFormat();
      case INT4 -> new Lucene99HnswScalarQuantizedVectorsFormat(
          Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN, Lucene99HnswVectorsFormat.DEFAULT_BEAM_WIDTH, 1, 4, true, null, null);
    };
  }

  /** The default codec with this format for every vector field. */
  Codec codec() {
    KnnVectorsFormat f = knnFormat();
    return new Lucene103Codec() {
      @Override
      public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return f;
      }
    };
  }

  public static VectorFormat parse(String id) {
    return EnumIds.parse(VectorFormat.class, VectorFormat::id, id, "vector format");
  }

  @Override
  public String toString() {
    return id;
  }
}
