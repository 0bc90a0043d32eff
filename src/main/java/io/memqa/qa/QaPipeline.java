package io.memqa.qa;

import io.memqa.corpus.Passage;
import io.memqa.memory.Memory;
import io.memqa.memory.MemoryBuilder;
import io.memqa.memory.MemoryPassage;
import io.memqa.memory.Slot;
import io.memqa.reader.Calibration;
import io.memqa.reader.Reader;
import io.memqa.reader.Reading;
import io.memqa.retrieve.Hit;
import io.memqa.retrieve.Retriever;
import io.memqa.retrieve.RetrieverSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Question in, answer with evidence out: retrieve K passages, turn them into key-value memory,
 * read it with the memory network. Thread-safe; owns and closes its retriever and reader.
 */
public final class QaPipeline implements AutoCloseable {
  private final Retriever retriever;
  private final Reader reader;
  private final MemoryBuilder builder;

  public QaPipeline(Retriever retriever, Reader reader) {
    this.retriever = retriever;
    this.reader = reader;
    this.builder = reader.memoryBuilder();
  }

  /** Opens the Lucene index and the model; fails with a clear message if either is missing or broken. */
  public static QaPipeline open(Path index, Path model) throws IOException {
    return open(RetrieverSource.lucene(index), model);
  }

  /** Opens the retriever and the model; fails with a clear message if either is missing or broken. */
  public static QaPipeline open(RetrieverSource passages, Path model) throws IOException {
    Retriever r = passages.open();
    try {
      return new QaPipeline(r, Reader.load(model));
    } catch (IOException | RuntimeException e) {
      r.close();
      throw e;
    }
  }

  public Retriever retriever() {
    return retriever;
  }

  public Reader reader() {
    return reader;
  }

  /** Answers from retrieved passages (the open setting). */
  public Answers answer(String question, AnswerOptions options) {
    long t0 = System.nanoTime();
    List<Hit> hits = retriever.search(question, options.passages(), options.retriever());
    long t1 = System.nanoTime();
    Memory memory = builder.build(question, hits);
    return read(memory, options, t0, t1);
  }

  /** Answers from a given passage only (the closed setting, as in reading comprehension). */
  public Answers answer(String question, Passage passage, AnswerOptions options) {
    Retriever.checkArguments(question, 1);
    long t0 = System.nanoTime();
    Memory memory = builder.build(question, passage);
    return read(memory, options, t0, t0);
  }

  private Answers read(Memory memory, AnswerOptions options, long t0, long t1) {
    long t2 = System.nanoTime();
    Reading reading = reader.read(memory, options.answers(), options.explain());
    long t3 = System.nanoTime();
    List<Answers.Answer> answers = new ArrayList<>();
    for (Reading.Candidate c : reading.answers()) {
      answers.add(toAnswer(memory, c));
    }
    List<Answers.PassageRef> passages = new ArrayList<>();
    for (MemoryPassage mp : memory.passages()) {
      Passage p = mp.passage();
      passages.add(Answers.PassageRef.of(p, mp.rank(), mp.score()));
    }
    List<Answers.Hop> hops = new ArrayList<>();
    for (Reading.Hop hop : reading.hops()) {
      List<Answers.PassageShare> shares = new ArrayList<>();
      for (Reading.Share share : hop.passages()) {
        Passage p = memory.passages().get(share.passage()).passage();
        shares.add(new Answers.PassageShare(p.id(), p.title(), share.weight()));
      }
      List<Answers.SentenceShare> sentences = new ArrayList<>();
      for (Reading.SentenceShare share : hop.sentences()) {
        MemoryPassage mp = memory.passages().get(share.passage());
        sentences.add(new Answers.SentenceShare(mp.passage().id(), sentenceText(mp, share.sentence()), share.weight()));
      }
      List<Answers.AttendedSlot> slots = new ArrayList<>();
      for (Reading.Attention a : hop.slots()) {
        Passage p = memory.passageOf(a.slot()).passage();
        slots.add(new Answers.AttendedSlot(memory.valueText(a.slot()), memory.keyText(a.slot()), p.id(), p.title(), a.weight()));
      }
      hops.add(new Answers.Hop(shares, sentences, slots));
    }
    Answers.Timings timings = new Answers.Timings(ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t3 - t0));
    boolean confident = !answers.isEmpty() && answers.get(0).score() >= Calibration.CONFIDENT;
    return new Answers(memory.question(), answers, confident, passages, hops, timings);
  }

  private static Answers.Answer toAnswer(Memory memory, Reading.Candidate c) {
    Slot s = c.slot();
    MemoryPassage mp = memory.passageOf(s);
    var tokens = mp.tokens();
    int[] sentence = mp.sentenceIds();
    int from = s.first();
    while (from > 0 && sentence[from - 1] == sentence[s.first()]) {
      from--;
    }
    int to = s.last();
    while (to + 1 < tokens.size() && sentence[to + 1] == sentence[s.last()]) {
      to++;
    }
    String text = tokens.text();
    int start = tokens.start(s.first());
    int startPoints = text.codePointCount(0, start);
    int endPoints = startPoints + text.codePointCount(start, tokens.end(s.last()));
    return new Answers.Answer(c.text(), c.probability(), mp.passage().id(), mp.passage().docId(), mp.passage().title(),
        startPoints, endPoints, tokens.span(from, to));
  }

  /** The text of sentence {@code id} of a passage. */
  private static String sentenceText(MemoryPassage mp, int id) {
    int[] ids = mp.sentenceIds();
    int from = 0;
    while (from < ids.length && ids[from] != id) {
      from++;
    }
    int to = from;
    while (to + 1 < ids.length && ids[to + 1] == id) {
      to++;
    }
    return from < ids.length ? mp.tokens().span(from, to) : "";
  }

  private static double ms(long nanos) {
    return Math.round(nanos / 1e4) / 100.0;
  }

  @Override
  public void close() throws IOException {
    try {
      reader.close();
    } finally {
      retriever.close();
    }
  }
}
